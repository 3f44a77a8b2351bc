namespace DataBridge.Connectors.OpcUa.Encoding;

using DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>
/// A structure with an OPC UA binary encoding (Part 6 §5.2.6): its fields in order, no header. Generated service types
/// implement it; an <see cref="ExtensionObject"/> body decodes to one through an <see cref="EncodeableTypeRegistry"/>.
/// </summary>
public interface IEncodeable
{
    /// <summary>The NodeId of the type's <c>Default Binary</c> encoding object, written before the body in messages and extension objects.</summary>
    NodeId BinaryEncodingId { get; }

    /// <summary>Writes the fields in the order the type dictionary lists them.</summary>
    void Encode(ref OpcUaBinaryWriter writer);

    /// <summary>Reads the fields in the order the type dictionary lists them, replacing this instance's values.</summary>
    void Decode(ref OpcUaBinaryReader reader);
}
