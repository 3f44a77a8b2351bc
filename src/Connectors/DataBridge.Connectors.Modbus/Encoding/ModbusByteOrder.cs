namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// Order of the bytes of a multi-register value on the wire, named by where the most significant byte A lands.
/// ABCD is big-endian words in big-endian order (the Modbus default); CDAB swaps words; BADC swaps bytes within
/// words; DCBA is fully little-endian. For 64-bit values the pattern extends to eight bytes (e.g. CDAB swaps each
/// pair of words... see <c>ModbusValueDecoder</c> for the exact rule).
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
