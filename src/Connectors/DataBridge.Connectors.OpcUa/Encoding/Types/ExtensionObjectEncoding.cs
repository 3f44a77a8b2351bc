namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>How an extension object's body is encoded (Part 6 §5.2.2.15, the encoding byte).</summary>
public enum ExtensionObjectEncoding : byte
{
    /// <summary>No body.</summary>
    None = 0,

    /// <summary>A binary-encoded body (ByteString).</summary>
    Binary = 1,

    /// <summary>An XML-encoded body (XmlElement).</summary>
    Xml = 2,
}
