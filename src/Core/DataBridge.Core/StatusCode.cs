namespace DataBridge.Core;

/// <summary>
/// An OPC UA StatusCode (Part 4 §7.39), the one language of quality in DataBridge: Modbus exceptions
/// and timeouts are mapped to it too. The top two bits give the severity.
/// </summary>
public readonly partial struct StatusCode : IEquatable<StatusCode>
{
    /// <summary>Creates a status code from its 32-bit value.</summary>
    public StatusCode(uint code) => Code = code;

    /// <summary>The 32-bit value.</summary>
    public uint Code { get; }

    /// <summary>Severity Good (top bits 00).</summary>
    public bool IsGood => (Code & 0xC000_0000) == 0;

    /// <summary>Severity Uncertain (top bits 01).</summary>
    public bool IsUncertain => (Code & 0xC000_0000) == 0x4000_0000;

    /// <summary>Severity Bad (top bit 1).</summary>
    public bool IsBad => (Code & 0x8000_0000) != 0;

    /// <summary>The code without the info bits (the low 16 bits), which is what the symbolic name names.</summary>
    public uint SubCode => Code & 0xFFFF_0000;

    /// <summary>The symbolic name of the code, e.g. <c>BadTimeout</c>, or its hex value when unknown.</summary>
    public string Name => StatusCodeNames.TryGetName(SubCode, out var name) ? name : $"0x{Code:X8}";

    /// <inheritdoc />
    public bool Equals(StatusCode other) => Code == other.Code;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StatusCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)Code;

    /// <summary>Equality.</summary>
    public static bool operator ==(StatusCode left, StatusCode right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(StatusCode left, StatusCode right) => !left.Equals(right);

    /// <summary>Creates a status code from its 32-bit value.</summary>
    public static implicit operator StatusCode(uint code) => new(code);

    /// <summary>Creates a status code from its 32-bit value.</summary>
    public static StatusCode FromUInt32(uint code) => new(code);

    /// <inheritdoc />
    public override string ToString() => Name;
}
