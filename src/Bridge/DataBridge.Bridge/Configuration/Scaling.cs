namespace DataBridge.Bridge.Configuration;

/// <summary>Linear scaling from a raw source value to engineering units: <c>eng = raw × Factor + Offset</c>.</summary>
/// <param name="Factor">Multiplier; never zero in a loaded configuration.</param>
/// <param name="Offset">Added after multiplying.</param>
public readonly record struct Scaling(double Factor, double Offset)
{
    /// <summary>No scaling: factor 1, offset 0.</summary>
    public static Scaling Identity => new(1.0, 0.0);

    /// <summary>True when <see cref="Apply"/> returns its input unchanged.</summary>
    public bool IsIdentity => Factor == 1.0 && Offset == 0.0;

    /// <summary>Converts a raw value to engineering units.</summary>
    public double Apply(double raw) => (raw * Factor) + Offset;

    /// <summary>
    /// The scaling that maps the raw range <paramref name="raw0"/>..<paramref name="raw1"/> onto the engineering
    /// range <paramref name="eng0"/>..<paramref name="eng1"/> (e.g. 0..32767 → 0..100 %).
    /// </summary>
    public static Scaling FromRanges(double raw0, double raw1, double eng0, double eng1)
    {
        var factor = (eng1 - eng0) / (raw1 - raw0);
        return new Scaling(factor, eng0 - (raw0 * factor));
    }
}
