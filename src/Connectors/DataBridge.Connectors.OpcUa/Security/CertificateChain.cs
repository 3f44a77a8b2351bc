namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// Certificates on the wire are DER blobs, possibly several concatenated (leaf first, then issuers; Part 6 §6.2.3).
/// Splits them by the outer DER SEQUENCE length without parsing the certificate.
/// </summary>
public static class CertificateChain
{
    /// <summary>The first certificate (the leaf) of a chain; the whole input when it cannot be split.</summary>
    public static ReadOnlySpan<byte> Leaf(ReadOnlySpan<byte> chain)
    {
        var length = FirstLength(chain);
        return length > 0 && length <= chain.Length ? chain[..length] : chain;
    }

    /// <summary>Every certificate in the chain, leaf first.</summary>
    public static IReadOnlyList<byte[]> Split(ReadOnlySpan<byte> chain)
    {
        var result = new List<byte[]>();
        while (!chain.IsEmpty)
        {
            var length = FirstLength(chain);
            if (length <= 0 || length > chain.Length)
            {
                result.Add(chain.ToArray());
                break;
            }

            result.Add(chain[..length].ToArray());
            chain = chain[length..];
        }

        return result;
    }

    /// <summary>Total length (tag + length + content) of the DER SEQUENCE at the start, or −1.</summary>
    private static int FirstLength(ReadOnlySpan<byte> der)
    {
        if (der.Length < 2 || der[0] != 0x30)
        {
            return -1;
        }

        if (der[1] < 0x80)
        {
            return 2 + der[1];
        }

        var lengthBytes = der[1] & 0x7F;
        if (lengthBytes is 0 or > 4 || der.Length < 2 + lengthBytes)
        {
            return -1;
        }

        long content = 0;
        for (var i = 0; i < lengthBytes; i++)
        {
            content = (content << 8) | der[2 + i];
        }

        var total = 2 + lengthBytes + content;
        return total > int.MaxValue ? -1 : (int)total;
    }
}
