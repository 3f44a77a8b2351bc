using System.Globalization;
using System.Text.Json;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Core;
using DataBridge.Testing.OpcUa;

namespace DataBridge.Connectors.OpcUa.Tests.Client;

/// <summary>Compares a value read from the peer with the canonical JSON form the peer script dumped.</summary>
internal static class ExpectedValue
{
    /// <summary>Null when equal, otherwise a description of the difference.</summary>
    public static string? Mismatch(OpcUaPeerVariable expected, Variant actual)
    {
        if (expected.ValueRank == 1)
        {
            var items = expected.Value.EnumerateArray().ToArray();
            var array = actual.ArrayValue;
            if (array is null)
            {
                return items.Length == 0 && actual.IsNull ? null : $"expected an array of {items.Length}, got {actual}";
            }

            if (array.Length != items.Length)
            {
                return $"expected {items.Length} elements, got {array.Length}";
            }

            for (var i = 0; i < items.Length; i++)
            {
                if (!Same(expected.Type, items[i], array.GetValue(i)))
                {
                    return $"element {i}: expected {items[i]}, got {array.GetValue(i)}";
                }
            }

            return null;
        }

        return Same(expected.Type, expected.Value, actual.Value) ? null : $"expected {expected.Value}, got {actual.Value ?? "null"} ({actual.Type})";
    }

    private static bool Same(string type, JsonElement e, object? a) => type switch
    {
        "Boolean" => a is bool b && b == e.GetBoolean(),
        "SByte" => a is sbyte v && v == e.GetInt32(),
        "Byte" => a is byte v && v == e.GetInt32(),
        "Int16" => a is short v && v == e.GetInt32(),
        "UInt16" => a is ushort v && v == e.GetInt32(),
        "Int32" => a is int v && v == e.GetInt64(),
        "UInt32" => a is uint v && v == e.GetInt64(),
        "Int64" => a is long v && v == long.Parse(e.GetString()!, CultureInfo.InvariantCulture),
        "UInt64" => a is ulong v && v == ulong.Parse(e.GetString()!, CultureInfo.InvariantCulture),
        "Float" => a is float v && (double)v == e.GetDouble(),
        "Double" => a is double v && v == e.GetDouble(),
        "String" or "XmlElement" => a is string s && s == e.GetString(),
        "DateTime" => a is DateTime t && t.ToUniversalTime() == DateTime.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        "Guid" => a is Guid g && g == Guid.Parse(e.GetString()!),
        "ByteString" => a is byte[] bytes && Convert.ToBase64String(bytes) == e.GetString(),
        "NodeId" => a is NodeId n && n == NodeId.Parse(e.GetString()!),
        "ExpandedNodeId" => a is ExpandedNodeId x && x.NodeId == NodeId.Parse(e.GetString()!) && x.NamespaceUri is null,
        "StatusCode" => a is StatusCode c && c.Name == e.GetString(),
        "QualifiedName" => a is QualifiedName q && q.NamespaceIndex == e.GetProperty("namespaceIndex").GetInt32() && q.Name == e.GetProperty("name").GetString(),
        "LocalizedText" => a is LocalizedText l && l.Locale == e.GetProperty("locale").GetString() && l.Text == e.GetProperty("text").GetString(),
        _ => throw new InvalidOperationException($"no comparison for {type}"),
    };
}
