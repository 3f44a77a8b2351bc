using System.Text.Json;

namespace DataBridge.Testing.OpcUa;

/// <summary>One variable as the peer script defined it (see tests/peers/opcua/definitions.js for the value forms).</summary>
public sealed record OpcUaPeerVariable(string Node, string Name, string Type, int ValueRank, JsonElement Value);

/// <summary>The peer's dump: its namespace array and the variables with their known values.</summary>
public sealed record OpcUaPeerDefinitions(IReadOnlyList<string> Namespaces, IReadOnlyList<OpcUaPeerVariable> Variables)
{
    public const string PlantNamespace = "urn:databridge:test:plant";
    public const string OtherNamespace = "urn:databridge:test:other";

    public static OpcUaPeerDefinitions Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var namespaces = new List<string>();
        foreach (var ns in root.GetProperty("namespaces").EnumerateArray())
        {
            namespaces.Add(ns.GetString()!);
        }

        var variables = new List<OpcUaPeerVariable>();
        foreach (var v in root.GetProperty("variables").EnumerateArray())
        {
            variables.Add(new OpcUaPeerVariable(
                v.GetProperty("node").GetString()!,
                v.GetProperty("name").GetString()!,
                v.GetProperty("type").GetString()!,
                v.GetProperty("valueRank").GetInt32(),
                v.GetProperty("value").Clone()));
        }

        return new OpcUaPeerDefinitions(namespaces, variables);
    }
}
