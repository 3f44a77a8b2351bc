namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>The kind of identifier a <see cref="NodeId"/> carries (Part 3 §8.2.3).</summary>
public enum NodeIdType : byte
{
    /// <summary>A UInt32 (<c>i=</c>).</summary>
    Numeric = 0,

    /// <summary>A string (<c>s=</c>).</summary>
    String = 1,

    /// <summary>A Guid (<c>g=</c>).</summary>
    Guid = 2,

    /// <summary>A ByteString (<c>b=</c>, base64 in text).</summary>
    Opaque = 3,
}
