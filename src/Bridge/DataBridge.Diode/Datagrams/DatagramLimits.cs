namespace DataBridge.Diode.Datagrams;

/// <summary>The limits every length and count read from the wire is checked against before it is used.</summary>
public static class DatagramLimits
{
    /// <summary>Bytes of the fixed header (see <see cref="DatagramHeader"/>).</summary>
    public const int HeaderLength = 30;

    /// <summary>Bytes of the authentication tag at the end of every datagram (HMAC-SHA256 truncated to 128 bits).</summary>
    public const int TagLength = 16;

    /// <summary>Header plus tag: what a datagram adds to its payload.</summary>
    public const int OverheadLength = HeaderLength + TagLength;

    /// <summary>Default payload per datagram: 1,400 + 46 + 28 (IPv4 + UDP) = 1,474 bytes, inside a 1,500-byte Ethernet MTU.</summary>
    public const int DefaultPayloadLength = 1400;

    /// <summary>
    /// Largest payload accepted: a 9,000-byte jumbo frame holds 8,192 + 46 + 48 (IPv6 + UDP). It also bounds an FEC
    /// block's memory on the receiver to (k + m) × 8 KiB.
    /// </summary>
    public const int MaxPayloadLength = 8192;

    /// <summary>Largest datagram: header, largest payload, tag.</summary>
    public const int MaxDatagramLength = OverheadLength + MaxPayloadLength; // 8,238

    /// <summary>
    /// Most data symbols per FEC block (k). With <see cref="MaxSymbolsPerBlock"/> the symbol index still fits its byte;
    /// the default 224 + 25 needs the room (see docs/diode.md: large blocks survive 5 % loss at under 15 % overhead).
    /// </summary>
    public const int MaxDataCount = 224;

    /// <summary>Most parity symbols per FEC block (m).</summary>
    public const int MaxParityCount = 64;

    /// <summary>Most data plus parity symbols per block: the symbol index is one byte (0..254).</summary>
    public const int MaxSymbolsPerBlock = 255;

    /// <summary>The default k: data symbols per FEC block.</summary>
    public const int DefaultDataCount = 224;

    /// <summary>The default m: parity symbols per FEC block (11.2 % parity, 14.8 % with headers and tags).</summary>
    public const int DefaultParityCount = 25;

    /// <summary>The magic number that starts every datagram, big-endian: 0xDB 0xD1 ("DataBridge Diode").</summary>
    public const ushort Magic = 0xDBD1;

    /// <summary>The format version this code writes and reads.</summary>
    public const byte Version = 1;
}
