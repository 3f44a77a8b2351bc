using System.Globalization;

namespace DataBridge.Diode.Sending;

/// <summary>
/// A link rate in bits per second, written the way network people write it: <c>200Mbit</c>, <c>1.5Gbit</c>,
/// <c>800kbit</c>, <c>64000bit</c> (SI prefixes, powers of 1000; an optional <c>/s</c>). Bytes (<c>MB</c>) are refused
/// rather than guessed.
/// </summary>
public readonly record struct DiodeRate(long BitsPerSecond)
{
    /// <summary>Bytes per second.</summary>
    public double BytesPerSecond => BitsPerSecond / 8.0;

    /// <summary>Parses a rate.</summary>
    /// <exception cref="DiodeConfigurationException">The text is not a positive number followed by bit, kbit, Mbit or Gbit.</exception>
    public static DiodeRate Parse(string text, string setting = "diode.rateLimit")
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (s.EndsWith("/s", StringComparison.Ordinal))
        {
            s = s[..^2];
        }

        var unitStart = 0;
        while (unitStart < s.Length && (char.IsAsciiDigit(s[unitStart]) || s[unitStart] == '.'))
        {
            unitStart++;
        }

        var unit = s[unitStart..].Trim();
        double factor = unit switch
        {
            "bit" => 1,
            "kbit" or "Kbit" => 1e3,
            "Mbit" => 1e6,
            "Gbit" => 1e9,
            _ => 0,
        };

        if (unitStart == 0 || factor == 0 || !double.TryParse(s[..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            throw new DiodeConfigurationException(setting, $"{setting}: '{text}' is not a rate. Write a positive number and a unit in bits per second: bit, kbit, Mbit or Gbit (for example 200Mbit).");
        }

        var bits = number * factor;
        if (bits < 8 * DataBridge.Diode.Datagrams.DatagramLimits.MaxDatagramLength || bits > 1e12)
        {
            throw new DiodeConfigurationException(setting, $"{setting}: {text} is outside 66kbit..1000Gbit, the range a diode sender can keep.");
        }

        return new DiodeRate((long)bits);
    }

    /// <inheritdoc/>
    public override string ToString() => BitsPerSecond switch
    {
        >= 1_000_000_000 when BitsPerSecond % 1_000_000_000 == 0 => $"{BitsPerSecond / 1_000_000_000}Gbit",
        >= 1_000_000 when BitsPerSecond % 1_000_000 == 0 => $"{BitsPerSecond / 1_000_000}Mbit",
        >= 1_000 when BitsPerSecond % 1_000 == 0 => $"{BitsPerSecond / 1_000}kbit",
        _ => $"{BitsPerSecond}bit",
    };
}
