using DataBridge.Bridge.Configuration;
using DataBridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

/// <summary>Parses test YAML with a fixed environment, returning the config or the error lines.</summary>
internal static class Yaml
{
    public const string File = "plant.yaml";

    public static BridgeConfiguration Load(string yaml, IReadOnlyDictionary<string, string>? env = null) =>
        ConfigurationLoader.Parse(yaml, File, name => env is not null && env.TryGetValue(name, out var v) ? v : null, Path.GetTempPath());

    public static IReadOnlyList<string> Errors(string yaml, IReadOnlyDictionary<string, string>? env = null)
    {
        try
        {
            Load(yaml, env);
        }
        catch (ConfigurationException ex)
        {
            return ex.Errors.Select(e => e.ToString()).ToList();
        }

        throw new Xunit.Sdk.XunitException("expected a ConfigurationException");
    }

    /// <summary>A valid configuration with one inline Modbus source, to which tests add mistakes.</summary>
    public const string Valid = """
        bridge:
          id: edge-test
        sources:
          - id: boiler
            asset: acme/plant7/utilities/boilerhouse/boiler1
            modbus: { host: 127.0.0.1, pollGroups: { fast: 250ms } }
            tags:
              - name: temperature
                address: holding:100
                type: float32
        """;
}
