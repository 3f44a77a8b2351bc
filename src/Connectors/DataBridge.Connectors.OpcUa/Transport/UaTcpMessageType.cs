namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// The three-byte message types of the UA Connection Protocol (Part 6 §7.1.2.2) and UA Secure Conversation
/// (Part 6 §6.7.2.2), read as a little-endian 24-bit number so a header check is one comparison.
/// </summary>
internal enum UaTcpMessageType : uint
{
    /// <summary>Not a known type.</summary>
    Unknown = 0,

    /// <summary>HEL: the client's Hello.</summary>
    Hello = 'H' | ('E' << 8) | ('L' << 16),

    /// <summary>ACK: the server's Acknowledge.</summary>
    Acknowledge = 'A' | ('C' << 8) | ('K' << 16),

    /// <summary>ERR: a fatal error; the server closes the socket after it.</summary>
    Error = 'E' | ('R' << 8) | ('R' << 16),

    /// <summary>RHE: ReverseHello (servers dialling out); never accepted by this client.</summary>
    ReverseHello = 'R' | ('H' << 8) | ('E' << 16),

    /// <summary>MSG: a service request or response chunk.</summary>
    Message = 'M' | ('S' << 8) | ('G' << 16),

    /// <summary>OPN: an OpenSecureChannel chunk (asymmetric security header).</summary>
    OpenSecureChannel = 'O' | ('P' << 8) | ('N' << 16),

    /// <summary>CLO: a CloseSecureChannel chunk.</summary>
    CloseSecureChannel = 'C' | ('L' << 8) | ('O' << 16),
}

/// <summary>The fourth header byte of a secure conversation chunk (Part 6 §6.7.2.2).</summary>
internal enum ChunkType : byte
{
    /// <summary>'C': an intermediate chunk; more follow.</summary>
    Intermediate = (byte)'C',

    /// <summary>'F': the final chunk of a message.</summary>
    Final = (byte)'F',

    /// <summary>'A': the sender aborted the message; the body is an error code and reason (Part 6 §6.7.3).</summary>
    Abort = (byte)'A',
}
