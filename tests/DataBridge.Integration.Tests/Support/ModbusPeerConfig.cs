using System.Globalization;
using System.Text;
using System.Text.Json;
using DataBridge.Testing.Modbus;

namespace DataBridge.Integration.Tests.Support;

/// <summary>Writes a bridge configuration that maps every point the pymodbus peer serves to a tag.</summary>
public static class ModbusPeerConfig
{
    public const string Asset = "acme/testplant/area1/line1/peer";

    public static string TagName(PymodbusPoint p) => string.Create(CultureInfo.InvariantCulture, $"{p.Table}_{p.Address}_{p.Type}_{p.Order}_{p.Bit}").ToLowerInvariant();

    public static string TagId(PymodbusPoint p) => Asset + "/" + TagName(p);

    public static string Write(string directory, int modbusPort, string bootstrap, IReadOnlyList<PymodbusPoint> points, string pollInterval = "200ms", string? heartbeat = null)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            bridge:
              id: it-bridge
              stateDir: {Path.Combine(directory, "state")}
            kafka:
              bootstrap: {bootstrap}
            sources:
              - id: peer
                asset: {Asset}
                modbus:
                  host: 127.0.0.1
                  port: {modbusPort}
                  unit: 1
                  timeout: 500ms
                  pollGroups: {"{"} fast: {pollInterval} {"}"}
                tags:

            """);
        foreach (var p in points)
        {
            var table = p.Table switch { "hr" => "holding", "ir" => "input", "co" => "coil", _ => "discrete" };
            var address = p.Type == "bool" && p.Table is "hr" or "ir" ? $"{table}:{p.Address}.{p.Bit}" : $"{table}:{p.Address}";
            sb.Append(CultureInfo.InvariantCulture, $"      - {{ name: {TagName(p)}, address: \"{address}\", type: {p.Type}, byteOrder: {p.Order}, pollGroup: fast");
            if (heartbeat is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $", heartbeat: {heartbeat}");
            }

            if (p.Type == "string")
            {
                sb.Append(CultureInfo.InvariantCulture, $", length: {p.Length}");
            }

            sb.Append(" }\n");
        }

        var path = Path.Combine(directory, "bridge.yaml");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>True when the record's value equals what the peer serves at that point.</summary>
    public static void AssertEqual(PymodbusPoint p, DataBridge.Core.TagValue v)
    {
        switch (p.Type)
        {
            case "bool":
                Assert.True(p.Value.GetBoolean() == v.AsBoolean(), $"{p}: got {v}");
                break;
            case "string":
                Assert.Equal(p.Value.GetString(), v.AsString());
                break;
            case "float32":
                Assert.Equal((float)p.Value.GetDouble(), (float)v.AsDouble());
                break;
            case "float64":
                Assert.Equal(p.Value.GetDouble(), v.AsDouble());
                break;
            case "uint64":
                Assert.Equal(p.Value.GetUInt64(), v.AsUInt64());
                break;
            default:
                Assert.True(p.Value.ValueKind == JsonValueKind.Number && p.Value.GetInt64() == v.AsInt64(), $"{p}: got {v}");
                break;
        }
    }
}
