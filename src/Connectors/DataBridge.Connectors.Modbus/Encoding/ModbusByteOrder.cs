namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// Order of the bytes of a multi-register value on the wire, named by the order in which the value's bytes
/// (A = most significant) appear in the registers, lowest address first. ABCD is big-endian words in address
/// order (the Modbus default); BADC swaps the two bytes of every register; CDAB reverses the order of the words;
/// DCBA does both (fully little-endian). For 64-bit values (bytes A..H) the same two rules apply to all four words:
/// ABCD = ABCDEFGH, BADC = BADCFEHG, CDAB = GHEFCDAB (all four words reversed, not a swap within each 32-bit half),
/// DCBA = HGFEDCBA. One-register values only see the byte swap (BADC and DCBA swap, ABCD and CDAB do not).
/// <see cref="ModbusValueDecoder"/> implements the rule.
/// </summary>
public enum ModbusByteOrder : byte
{
    /// <summary>Big-endian bytes, big-endian words.</summary>
    ABCD,
    /// <summary>Bytes swapped within each word, big-endian words.</summary>
    BADC,
    /// <summary>Big-endian bytes, words swapped (little-endian word order).</summary>
    CDAB,
    /// <summary>Little-endian throughout.</summary>
    DCBA,
}
