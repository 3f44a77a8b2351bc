using System.Collections.Frozen;

namespace DataBridge.Schemas;

/// <summary>
/// The <c>.avsc</c> files embedded in this assembly (the contract with every consumer), as JSON text and
/// parsed by Apache.Avro. Consumers in other languages use the same files from src/Schemas/.
/// </summary>
public static class AvroSchemas
{
    /// <summary>File name of the tag value schema.</summary>
    public const string TagValueFile = "tag-value.avsc";

    /// <summary>File name of the tag metadata schema.</summary>
    public const string TagMetadataFile = "tag-metadata.avsc";

    /// <summary>File name of the gap schema.</summary>
    public const string GapFile = "gap.avsc";

    /// <summary>File name of the bridge event schema.</summary>
    public const string BridgeEventFile = "bridge-event.avsc";

    private static readonly Lazy<FrozenDictionary<string, string>> Texts = new(LoadAll);

    /// <summary>Every embedded schema by file name (e.g. <c>tag-value.avsc</c>) with its JSON text.</summary>
    public static IReadOnlyDictionary<string, string> All => Texts.Value;

    /// <summary>The parsed <c>io.databridge.TagValue</c> schema.</summary>
    public static Avro.RecordSchema TagValue { get; } = Parse(TagValueFile);

    /// <summary>The parsed <c>io.databridge.TagMetadata</c> schema.</summary>
    public static Avro.RecordSchema TagMetadata { get; } = Parse(TagMetadataFile);

    /// <summary>The parsed <c>io.databridge.Gap</c> schema.</summary>
    public static Avro.RecordSchema Gap { get; } = Parse(GapFile);

    /// <summary>The parsed <c>io.databridge.BridgeEvent</c> schema.</summary>
    public static Avro.RecordSchema BridgeEvent { get; } = Parse(BridgeEventFile);

    /// <summary>The JSON text of one embedded schema.</summary>
    /// <exception cref="KeyNotFoundException">No schema of that file name is embedded.</exception>
    public static string GetText(string fileName) =>
        All.TryGetValue(fileName, out var text)
            ? text
            : throw new KeyNotFoundException($"No embedded schema '{fileName}'. Embedded: {string.Join(", ", All.Keys)}.");

    private static Avro.RecordSchema Parse(string fileName) => (Avro.RecordSchema)Avro.Schema.Parse(GetText(fileName));

    private static FrozenDictionary<string, string> LoadAll()
    {
        const string Prefix = "DataBridge.Schemas.";
        var assembly = typeof(AvroSchemas).Assembly;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(".avsc", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            result[name[Prefix.Length..]] = reader.ReadToEnd();
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
