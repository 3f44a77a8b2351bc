using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>Typed accessors; each throws <see cref="InvalidCastException"/> when the Variant holds something else.</summary>
public readonly partial struct Variant
{
    /// <summary>The Boolean scalar.</summary>
    public bool GetBoolean() => Expect(BuiltInType.Boolean)._bits != 0;

    /// <summary>The SByte scalar.</summary>
    public sbyte GetSByte() => (sbyte)Expect(BuiltInType.SByte)._bits;

    /// <summary>The Byte scalar.</summary>
    public byte GetByte() => (byte)Expect(BuiltInType.Byte)._bits;

    /// <summary>The Int16 scalar.</summary>
    public short GetInt16() => (short)Expect(BuiltInType.Int16)._bits;

    /// <summary>The UInt16 scalar.</summary>
    public ushort GetUInt16() => (ushort)Expect(BuiltInType.UInt16)._bits;

    /// <summary>The Int32 scalar.</summary>
    public int GetInt32() => (int)Expect(BuiltInType.Int32)._bits;

    /// <summary>The UInt32 scalar.</summary>
    public uint GetUInt32() => (uint)Expect(BuiltInType.UInt32)._bits;

    /// <summary>The Int64 scalar.</summary>
    public long GetInt64() => (long)Expect(BuiltInType.Int64)._bits;

    /// <summary>The UInt64 scalar.</summary>
    public ulong GetUInt64() => Expect(BuiltInType.UInt64)._bits;

    /// <summary>The Float scalar.</summary>
    public float GetFloat() => BitConverter.Int32BitsToSingle((int)Expect(BuiltInType.Float)._bits);

    /// <summary>The Double scalar.</summary>
    public double GetDouble() => BitConverter.Int64BitsToDouble((long)Expect(BuiltInType.Double)._bits);

    /// <summary>The String scalar.</summary>
    public string? GetString() => (string?)Expect(BuiltInType.String)._ref;

    /// <summary>The XmlElement scalar as text.</summary>
    public string? GetXmlElement() => (string?)Expect(BuiltInType.XmlElement)._ref;

    /// <summary>The DateTime scalar (UTC).</summary>
    public DateTime GetDateTime() => DateTime.FromBinary((long)Expect(BuiltInType.DateTime)._bits);

    /// <summary>The Guid scalar.</summary>
    public Guid GetGuid() => (Guid)Expect(BuiltInType.Guid)._ref!;

    /// <summary>The ByteString scalar.</summary>
    public byte[]? GetByteString() => (byte[]?)Expect(BuiltInType.ByteString)._ref;

    /// <summary>The NodeId scalar.</summary>
    public NodeId GetNodeId() => (NodeId)Expect(BuiltInType.NodeId)._ref!;

    /// <summary>The ExpandedNodeId scalar.</summary>
    public ExpandedNodeId GetExpandedNodeId() => (ExpandedNodeId)Expect(BuiltInType.ExpandedNodeId)._ref!;

    /// <summary>The StatusCode scalar.</summary>
    public StatusCode GetStatusCode() => new((uint)Expect(BuiltInType.StatusCode)._bits);

    /// <summary>The QualifiedName scalar.</summary>
    public QualifiedName GetQualifiedName() => (QualifiedName)Expect(BuiltInType.QualifiedName)._ref!;

    /// <summary>The LocalizedText scalar.</summary>
    public LocalizedText GetLocalizedText() => (LocalizedText)Expect(BuiltInType.LocalizedText)._ref!;

    /// <summary>The ExtensionObject scalar.</summary>
    public ExtensionObject GetExtensionObject() => (ExtensionObject)Expect(BuiltInType.ExtensionObject)._ref!;

    /// <summary>The DataValue scalar.</summary>
    public DataValue GetDataValue() => (DataValue)Expect(BuiltInType.DataValue)._ref!;

    /// <summary>The DiagnosticInfo scalar.</summary>
    public DiagnosticInfo? GetDiagnosticInfo() => (DiagnosticInfo?)Expect(BuiltInType.DiagnosticInfo)._ref;

    /// <summary>The array (flat for matrices) as <typeparamref name="T"/>[] (use <c>string?</c> for XmlElement arrays).</summary>
    public T[] GetArray<T>() =>
        _isArray && _ref is T[] array
            ? array
            : throw new InvalidCastException($"The Variant holds {Describe()}, not an array of {typeof(T).Name}.");

    private Variant Expect(BuiltInType type) =>
        _type == type && !_isArray
            ? this
            : throw new InvalidCastException($"The Variant holds {Describe()}, not a {type} scalar.");

    private string Describe() => _isArray ? $"an array of {_type}" : IsNull ? "null" : $"a {_type} scalar";
}
