using DataBridge.Connectors.OpcUa.Encoding.Types;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>Variant decoding (Part 6 §5.2.2.16).</summary>
public ref partial struct OpcUaBinaryReader
{
    private const byte ArrayValuesFlag = 0x80;
    private const byte ArrayDimensionsFlag = 0x40;

    /// <summary>
    /// Reads a Variant: mask (bits 0–5 the built-in type, 0x80 array, 0x40 dimensions), then the value or the array and
    /// its dimensions. Type ids 26–31 are read as ByteStrings as Part 6 requires; a scalar Variant inside a Variant is refused.
    /// </summary>
    public Variant ReadVariant(string? field = null)
    {
        var start = _position;
        var mask = ReadByte(field);
        if (mask == 0)
        {
            return default;
        }

        var type = (BuiltInType)(mask & 0x3F);
        if ((byte)type is 0 or > 31)
        {
            DecodingErrors.Invalid(field, "Variant type id", (byte)type, start);
        }

        EnterNesting(field);
        Variant result;
        if ((mask & ArrayValuesFlag) == 0)
        {
            if ((mask & ArrayDimensionsFlag) != 0 || type == BuiltInType.Variant)
            {
                DecodingErrors.Invalid(field, "Variant encoding mask", mask, start);
            }

            result = ReadVariantScalar(type, field);
        }
        else
        {
            var lengthAt = _position;
            var length = ReadInt32(field);
            if (length < -1)
            {
                DecodingErrors.Invalid(field, "array length", length, lengthAt);
            }

            // A null array inside a Variant is read as an empty one: the Variant is not null, its array is.
            length = Math.Max(length, 0);
            CheckArrayLength(length, MinimumSize(type), field, lengthAt);
            var values = ReadVariantArray(type, length, field);
            var dimensions = (mask & ArrayDimensionsFlag) != 0 ? ReadMatrixDimensions(length, field) : null;
            result = Variant.ArrayOf(type, values, dimensions);
        }

        ExitNesting();
        return result;
    }

    private Variant ReadVariantScalar(BuiltInType type, string? field) => type switch
    {
        BuiltInType.Boolean => new Variant(ReadBoolean(field)),
        BuiltInType.SByte => new Variant(ReadSByte(field)),
        BuiltInType.Byte => new Variant(ReadByte(field)),
        BuiltInType.Int16 => new Variant(ReadInt16(field)),
        BuiltInType.UInt16 => new Variant(ReadUInt16(field)),
        BuiltInType.Int32 => new Variant(ReadInt32(field)),
        BuiltInType.UInt32 => new Variant(ReadUInt32(field)),
        BuiltInType.Int64 => new Variant(ReadInt64(field)),
        BuiltInType.UInt64 => new Variant(ReadUInt64(field)),
        BuiltInType.Float => new Variant(ReadFloat(field)),
        BuiltInType.Double => new Variant(ReadDouble(field)),
        BuiltInType.String => new Variant(ReadString(field)),
        BuiltInType.DateTime => new Variant(ReadDateTime(field)),
        BuiltInType.Guid => new Variant(ReadGuid(field)),
        BuiltInType.ByteString => new Variant(ReadByteString(field)),
        BuiltInType.XmlElement => Variant.FromXmlElement(ReadXmlElement(field)),
        BuiltInType.NodeId => new Variant(ReadNodeId(field)),
        BuiltInType.ExpandedNodeId => new Variant(ReadExpandedNodeId(field)),
        BuiltInType.StatusCode => new Variant(ReadStatusCode(field)),
        BuiltInType.QualifiedName => new Variant(ReadQualifiedName(field)),
        BuiltInType.LocalizedText => new Variant(ReadLocalizedText(field)),
        BuiltInType.ExtensionObject => new Variant(ReadExtensionObject(field)),
        BuiltInType.DataValue => new Variant(ReadDataValue(field)),
        BuiltInType.DiagnosticInfo => new Variant(ReadDiagnosticInfo(field)),
        _ => Variant.ScalarRef(type, ReadByteString(field)),
    };

    private Array ReadVariantArray(BuiltInType type, int length, string? field) => type switch
    {
        BuiltInType.Boolean => Fill(new bool[length], static (ref OpcUaBinaryReader r) => r.ReadBoolean()),
        BuiltInType.SByte => Fill(new sbyte[length], static (ref OpcUaBinaryReader r) => r.ReadSByte()),
        BuiltInType.Byte => Take(length, field).ToArray(),
        BuiltInType.Int16 => Fill(new short[length], static (ref OpcUaBinaryReader r) => r.ReadInt16()),
        BuiltInType.UInt16 => Fill(new ushort[length], static (ref OpcUaBinaryReader r) => r.ReadUInt16()),
        BuiltInType.Int32 => Fill(new int[length], static (ref OpcUaBinaryReader r) => r.ReadInt32()),
        BuiltInType.UInt32 => Fill(new uint[length], static (ref OpcUaBinaryReader r) => r.ReadUInt32()),
        BuiltInType.Int64 => Fill(new long[length], static (ref OpcUaBinaryReader r) => r.ReadInt64()),
        BuiltInType.UInt64 => Fill(new ulong[length], static (ref OpcUaBinaryReader r) => r.ReadUInt64()),
        BuiltInType.Float => Fill(new float[length], static (ref OpcUaBinaryReader r) => r.ReadFloat()),
        BuiltInType.Double => Fill(new double[length], static (ref OpcUaBinaryReader r) => r.ReadDouble()),
        BuiltInType.String => Fill(new string?[length], static (ref OpcUaBinaryReader r) => r.ReadString()),
        BuiltInType.DateTime => Fill(new DateTime[length], static (ref OpcUaBinaryReader r) => r.ReadDateTime()),
        BuiltInType.Guid => Fill(new Guid[length], static (ref OpcUaBinaryReader r) => r.ReadGuid()),
        BuiltInType.XmlElement => Fill(new string?[length], static (ref OpcUaBinaryReader r) => r.ReadXmlElement()),
        BuiltInType.NodeId => Fill(new NodeId[length], static (ref OpcUaBinaryReader r) => r.ReadNodeId()),
        BuiltInType.ExpandedNodeId => Fill(new ExpandedNodeId[length], static (ref OpcUaBinaryReader r) => r.ReadExpandedNodeId()),
        BuiltInType.StatusCode => Fill(new DataBridge.Core.StatusCode[length], static (ref OpcUaBinaryReader r) => r.ReadStatusCode()),
        BuiltInType.QualifiedName => Fill(new QualifiedName[length], static (ref OpcUaBinaryReader r) => r.ReadQualifiedName()),
        BuiltInType.LocalizedText => Fill(new LocalizedText[length], static (ref OpcUaBinaryReader r) => r.ReadLocalizedText()),
        BuiltInType.ExtensionObject => Fill(new ExtensionObject[length], static (ref OpcUaBinaryReader r) => r.ReadExtensionObject()),
        BuiltInType.DataValue => Fill(new DataValue[length], static (ref OpcUaBinaryReader r) => r.ReadDataValue()),
        BuiltInType.Variant => Fill(new Variant[length], static (ref OpcUaBinaryReader r) => r.ReadVariant()),
        BuiltInType.DiagnosticInfo => Fill(new DiagnosticInfo?[length], static (ref OpcUaBinaryReader r) => r.ReadDiagnosticInfo()),
        _ => Fill(new byte[]?[length], static (ref OpcUaBinaryReader r) => r.ReadByteString()),
    };

    private int[]? ReadMatrixDimensions(int length, string? field)
    {
        var start = _position;
        var rank = ReadArrayLength(4, field);
        if (rank < 1)
        {
            DecodingErrors.Invalid(field, "matrix rank", rank, start);
        }

        var dimensions = new int[rank];
        long product = 1;
        for (var i = 0; i < rank; i++)
        {
            var d = ReadInt32(field);
            if (d < 0)
            {
                DecodingErrors.Invalid(field, "matrix dimension", d, start);
            }

            dimensions[i] = d;
            product = Math.Min(product * d, int.MaxValue + 1L);
        }

        if (product != length)
        {
            DecodingErrors.Invalid(field, "matrix element count (product of the dimensions)", product, start);
        }

        // Part 6 §5.2.2.16: dimensions are only meaningful for rank 2 and above.
        return rank >= 2 ? dimensions : null;
    }

    private static int MinimumSize(BuiltInType type) => type switch
    {
        BuiltInType.Int16 or BuiltInType.UInt16 or BuiltInType.NodeId or BuiltInType.ExpandedNodeId => 2,
        BuiltInType.Int32 or BuiltInType.UInt32 or BuiltInType.Float or BuiltInType.StatusCode or BuiltInType.String
            or BuiltInType.ByteString or BuiltInType.XmlElement => 4,
        BuiltInType.Int64 or BuiltInType.UInt64 or BuiltInType.Double or BuiltInType.DateTime => 8,
        BuiltInType.Guid => 16,
        BuiltInType.QualifiedName => 6,
        BuiltInType.ExtensionObject => 3,
        BuiltInType.Boolean or BuiltInType.SByte or BuiltInType.Byte or BuiltInType.LocalizedText or BuiltInType.DataValue
            or BuiltInType.Variant or BuiltInType.DiagnosticInfo => 1,
        _ => 4,
    };

    private T[] Fill<T>(T[] array, ElementReader<T> readElement)
    {
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = readElement(ref this);
        }

        return array;
    }
}
