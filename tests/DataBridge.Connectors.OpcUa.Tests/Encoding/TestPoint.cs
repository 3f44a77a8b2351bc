using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;

namespace DataBridge.Connectors.OpcUa.Tests.Encoding;

/// <summary>A structure used to exercise extension object bodies, including a Variant that can nest further.</summary>
internal sealed class TestPoint : IEncodeable, IEquatable<TestPoint>
{
    public static readonly NodeId EncodingId = new(5001, 2);

    public static EncodeableTypeRegistry Registry { get; } =
        EncodeableTypeRegistry.Create([new KeyValuePair<NodeId, Func<IEncodeable>>(EncodingId, () => new TestPoint())]);

    public double X { get; set; }

    public string? Label { get; set; }

    public Variant Nested { get; set; }

    public NodeId BinaryEncodingId => EncodingId;

    public void Encode(ref OpcUaBinaryWriter writer)
    {
        writer.WriteDouble(X);
        writer.WriteString(Label);
        writer.WriteVariant(Nested);
    }

    public void Decode(ref OpcUaBinaryReader reader)
    {
        X = reader.ReadDouble("X");
        Label = reader.ReadString("Label");
        Nested = reader.ReadVariant("Nested");
    }

    public bool Equals(TestPoint? other) =>
        other is not null && X.Equals(other.X) && Label == other.Label && Nested.Equals(other.Nested);

    public override bool Equals(object? obj) => Equals(obj as TestPoint);

    public override int GetHashCode() => HashCode.Combine(X, Label);

    public override string ToString() => $"TestPoint({X}, {Label}, {Nested})";
}
