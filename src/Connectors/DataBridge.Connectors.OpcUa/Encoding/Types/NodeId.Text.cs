using System.Globalization;

namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>The text form of a NodeId (Part 6 §5.3.1.10): <c>[ns=&lt;index&gt;;]&lt;i|s|g|b&gt;=&lt;identifier&gt;</c>.</summary>
public readonly partial struct NodeId : ISpanFormattable
{
    private const string Expected =
        "Expected 'i=<number>', 's=<text>', 'g=<guid>' or 'b=<base64>', optionally preceded by 'ns=<index>;' (e.g. 'ns=2;s=Line1.Temperature', 'i=85').";

    /// <summary>Parses <c>i=85</c>, <c>ns=2;s=Foo</c>, <c>ns=1;g=…</c>, <c>ns=1;b=…</c>; throws <see cref="FormatException"/> naming the accepted forms.</summary>
    public static NodeId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id, out var error) ? id : throw new FormatException($"'{text}' is not a NodeId: {error} {Expected}");
    }

    /// <summary>Parses the text form; false when it is not a NodeId.</summary>
    public static bool TryParse(string? text, out NodeId nodeId) => TryParse(text, out nodeId, out _);

    private static bool TryParse(string? text, out NodeId nodeId, out string error)
    {
        nodeId = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "the text is empty.";
            return false;
        }

        ushort ns = 0;
        var rest = text.AsSpan();
        if (rest.StartsWith("ns="))
        {
            var semi = rest.IndexOf(';');
            if (semi < 0 || !ushort.TryParse(rest[3..semi], NumberStyles.None, CultureInfo.InvariantCulture, out ns))
            {
                error = "the namespace index is not a number from 0 to 65535 followed by ';'.";
                return false;
            }

            rest = rest[(semi + 1)..];
        }

        return TryParseIdentifier(rest, ns, out nodeId, out error);
    }

    internal static bool TryParseIdentifier(ReadOnlySpan<char> rest, ushort ns, out NodeId nodeId, out string error)
    {
        nodeId = default;
        error = string.Empty;
        if (rest.Length < 2 || rest[1] != '=')
        {
            error = "the identifier type prefix is missing.";
            return false;
        }

        var value = rest[2..];
        switch (rest[0])
        {
            case 'i':
                if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    error = "the numeric identifier is not a number from 0 to 4294967295.";
                    return false;
                }

                nodeId = new NodeId(n, ns);
                return true;
            case 's':
                nodeId = new NodeId(value.ToString(), ns);
                return true;
            case 'g':
                if (!Guid.TryParse(value, out var g))
                {
                    error = "the Guid identifier is not a Guid.";
                    return false;
                }

                nodeId = new NodeId(g, ns);
                return true;
            case 'b':
                var bytes = new byte[(value.Length * 3 / 4) + 3];
                if (!Convert.TryFromBase64Chars(value, bytes, out var written))
                {
                    error = "the opaque identifier is not base64.";
                    return false;
                }

                nodeId = new NodeId(bytes.AsSpan(0, written).ToArray(), ns);
                return true;
            default:
                error = $"'{rest[0]}' is not an identifier type.";
                return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => ToString(null, null);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var prefix = NamespaceIndex == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"ns={NamespaceIndex};");
        return IdType switch
        {
            NodeIdType.Numeric => string.Create(CultureInfo.InvariantCulture, $"{prefix}i={_numeric}"),
            NodeIdType.String => $"{prefix}s={(string?)_identifier}",
            NodeIdType.Guid => string.Create(CultureInfo.InvariantCulture, $"{prefix}g={_guid:D}"),
            _ => $"{prefix}b={Convert.ToBase64String((byte[]?)_identifier ?? [])}",
        };
    }

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = ToString();
        if (text.AsSpan().TryCopyTo(destination))
        {
            charsWritten = text.Length;
            return true;
        }

        charsWritten = 0;
        return false;
    }
}
