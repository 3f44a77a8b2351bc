using System.Text;

namespace DataBridge.Schemas.Binary;

/// <summary>Limits the decoder applies on top of "no length beyond the input".</summary>
public static class AvroLimits
{
    /// <summary>Longest string accepted in a record (1 MiB); a tag value is far shorter.</summary>
    public const int MaxStringBytes = 1 << 20;

    /// <summary>Most entries accepted in a map (bridge event attributes).</summary>
    public const int MaxMapEntries = 10_000;

    /// <summary>UTF-8 that throws on invalid bytes instead of substituting U+FFFD, so corruption is reported.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
