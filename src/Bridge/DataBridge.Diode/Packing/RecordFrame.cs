namespace DataBridge.Diode.Packing;

/// <summary>
/// The frames records are packed into inside a data payload, back to back, all integers big-endian:
/// <code>
/// record   (type 1): type | kind | n | source id (n bytes UTF-8) | sequence i64 | key length u16 | value length u16 | key | value
/// fragment (type 2): type | kind | n | source id (n bytes UTF-8) | sequence i64 | key length u32 | total length u32 | offset u32 | chunk length u16 | chunk
/// end      (type 0): the rest of the payload is zero padding (what FEC repair leaves at the end of a rebuilt symbol)
/// </code>
/// A record too large for one payload is split into fragments of its key and value bytes taken together (total length =
/// key + value), in order, with no other frame between them; each fragment repeats the record's identity so that a
/// fragment whose predecessor was lost is recognised as an orphan, not glued to another record.
/// </summary>
public static class RecordFrame
{
    /// <summary>Frame type: end of frames; only zero bytes follow.</summary>
    public const byte EndType = 0;

    /// <summary>Frame type: a whole record.</summary>
    public const byte RecordType = 1;

    /// <summary>Frame type: a fragment of a record.</summary>
    public const byte FragmentType = 2;

    /// <summary>Bytes of a whole-record frame before its source id, key and value.</summary>
    public const int RecordOverhead = 1 + 1 + 1 + 8 + 2 + 2;

    /// <summary>Bytes of a fragment frame before its source id and chunk.</summary>
    public const int FragmentOverhead = 1 + 1 + 1 + 8 + 4 + 4 + 4 + 2;

    /// <summary>Longest source id in UTF-8 bytes.</summary>
    public const int MaxSourceIdLength = 255;

    /// <summary>Default cap on a record's key plus value (what a receiver buffers for one fragmented record).</summary>
    public const int DefaultMaxRecordLength = 1024 * 1024;

    /// <summary>Hard cap on a record's key plus value, whatever is configured.</summary>
    public const int MaxRecordLength = 16 * 1024 * 1024;

    /// <summary>Smallest payload the packer accepts: a fragment with the longest source id and a useful chunk.</summary>
    public const int MinPayloadLength = FragmentOverhead + MaxSourceIdLength + 64;
}
