namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>The built-in types of OPC UA (Part 6 §5.1.2, Table 1); the value is the id used in a Variant's encoding mask.</summary>
public enum BuiltInType : byte
{
    /// <summary>No value (a null Variant).</summary>
    Null = 0,

    /// <summary>A two-state logical value.</summary>
    Boolean = 1,

    /// <summary>A signed 8-bit integer.</summary>
    SByte = 2,

    /// <summary>An unsigned 8-bit integer.</summary>
    Byte = 3,

    /// <summary>A signed 16-bit integer.</summary>
    Int16 = 4,

    /// <summary>An unsigned 16-bit integer.</summary>
    UInt16 = 5,

    /// <summary>A signed 32-bit integer.</summary>
    Int32 = 6,

    /// <summary>An unsigned 32-bit integer.</summary>
    UInt32 = 7,

    /// <summary>A signed 64-bit integer.</summary>
    Int64 = 8,

    /// <summary>An unsigned 64-bit integer.</summary>
    UInt64 = 9,

    /// <summary>An IEEE single precision value.</summary>
    Float = 10,

    /// <summary>An IEEE double precision value.</summary>
    Double = 11,

    /// <summary>A sequence of Unicode characters (UTF-8 on the wire).</summary>
    String = 12,

    /// <summary>An instant in time (100 ns ticks since 1601-01-01 UTC on the wire).</summary>
    DateTime = 13,

    /// <summary>A 16-byte globally unique identifier.</summary>
    Guid = 14,

    /// <summary>A sequence of octets.</summary>
    ByteString = 15,

    /// <summary>An XML element (UTF-8 text on the wire).</summary>
    XmlElement = 16,

    /// <summary>An identifier of a node in a server's address space.</summary>
    NodeId = 17,

    /// <summary>A NodeId that may carry a namespace URI and server index.</summary>
    ExpandedNodeId = 18,

    /// <summary>A 32-bit status code.</summary>
    StatusCode = 19,

    /// <summary>A name qualified by a namespace index.</summary>
    QualifiedName = 20,

    /// <summary>Text with an optional locale.</summary>
    LocalizedText = 21,

    /// <summary>A structure with its type id and encoded body.</summary>
    ExtensionObject = 22,

    /// <summary>A value with status and timestamps.</summary>
    DataValue = 23,

    /// <summary>A union of the other built-in types (only as array elements inside a Variant).</summary>
    Variant = 24,

    /// <summary>Vendor diagnostic information.</summary>
    DiagnosticInfo = 25,
}
