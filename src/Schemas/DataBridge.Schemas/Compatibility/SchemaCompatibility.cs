using Avro;

namespace DataBridge.Schemas.Compatibility;

/// <summary>
/// Checks Avro schema evolution by the resolution rules of the Avro 1.12 specification ("Schema Resolution"):
/// a reader schema can read data of a writer schema when the types match or promote (int→long→float→double,
/// string↔bytes), every reader record field missing in the writer has a default, every writer enum symbol is known
/// to the reader or the reader enum has a default, and every writer union branch resolves to a reader branch.
/// </summary>
/// <remarks>
/// BACKWARD compatibility (the Confluent Schema Registry default, and this repository's rule): consumers upgraded to
/// the new schema still read everything written with the previous one, i.e. new = reader, previous = writer.
/// </remarks>
public static class SchemaCompatibility
{
    /// <summary>Can <paramref name="newSchema"/> read data written with <paramref name="previousSchema"/>?</summary>
    public static CompatibilityResult CheckBackward(Schema previousSchema, Schema newSchema) => CheckCanRead(writer: previousSchema, reader: newSchema);

    /// <summary>Can <paramref name="previousSchema"/> (old consumers) read data written with <paramref name="newSchema"/>?</summary>
    public static CompatibilityResult CheckForward(Schema previousSchema, Schema newSchema) => CheckCanRead(writer: newSchema, reader: previousSchema);

    /// <summary>Can a consumer using <paramref name="reader"/> decode data written with <paramref name="writer"/>?</summary>
    public static CompatibilityResult CheckCanRead(Schema writer, Schema reader)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        var walk = new ResolutionWalk();
        walk.Check(writer, reader, Describe(reader));
        return new CompatibilityResult(walk.Problems);
    }

    internal static string Describe(Schema schema) => schema switch
    {
        NamedSchema named => named.Name,
        LogicalSchema logical => logical.LogicalTypeName,
        _ => schema.Tag.ToString().ToLowerInvariant(),
    };
}
