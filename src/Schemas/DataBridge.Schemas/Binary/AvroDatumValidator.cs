using Avro;

namespace DataBridge.Schemas.Binary;

/// <summary>
/// Walks one datum against any Avro schema without materialising it, checking every length, count, union branch
/// and enum index against the schema and the bytes that remain. Run it before handing untrusted bytes to
/// Apache.Avro's <c>GenericDatumReader</c>, whose decoder allocates whatever length the wire claims.
/// </summary>
public static class AvroDatumValidator
{
    // Nesting deeper than this is hostile (or a recursive schema fed a hostile datum).
    private const int MaxDepth = 64;

    /// <summary>Throws <see cref="AvroDecodeException"/> unless <paramref name="data"/> is exactly one datum of <paramref name="schema"/>.</summary>
    public static void Validate(Schema schema, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var reader = new AvroReader(data);
        Skip(schema, ref reader, 0);
        reader.EnsureEnd();
    }

    private static void Skip(Schema schema, ref AvroReader r, int depth)
    {
        if (depth > MaxDepth)
        {
            throw AvroDecodeException.At(r.Position, $"nesting deeper than {MaxDepth}");
        }

        switch (schema)
        {
            case LogicalSchema logical:
                Skip(logical.BaseSchema, ref r, depth + 1);
                return;
            case RecordSchema record:
                foreach (var field in record.Fields)
                {
                    Skip(field.Schema, ref r, depth + 1);
                }

                return;
            case UnionSchema union:
                Skip(union.Schemas[r.ReadUnionIndex(union.Count)], ref r, depth + 1);
                return;
            case EnumSchema e:
                _ = r.ReadEnum(e.Count);
                return;
            case FixedSchema f:
                _ = r.ReadFixed(f.Size);
                return;
            case ArraySchema array:
                SkipBlocks(array.ItemSchema, null, ref r, depth);
                return;
            case MapSchema map:
                SkipBlocks(map.ValueSchema, map, ref r, depth);
                return;
            default:
                SkipPrimitive(schema.Tag, ref r);
                return;
        }
    }

    private static void SkipBlocks(Schema item, MapSchema? map, ref AvroReader r, int depth)
    {
        // Every item is taken to need at least one byte, so a count beyond the remaining bytes is rejected before the
        // loop. Arrays of null or of empty records (zero bytes per item) are thus limited more than Avro requires;
        // DataBridge's schemas have none.
        const int minItemBytes = 1;
        var total = 0;
        while (true)
        {
            var count = r.ReadBlockCount(minItemBytes, AvroLimits.MaxMapEntries * 10 - total);
            if (count == 0)
            {
                return;
            }

            total += count;
            for (var i = 0; i < count; i++)
            {
                if (map is not null)
                {
                    _ = r.ReadUtf8();
                }

                Skip(item, ref r, depth + 1);
            }
        }
    }

    private static void SkipPrimitive(Schema.Type tag, ref AvroReader r)
    {
        switch (tag)
        {
            case Schema.Type.Null:
                return;
            case Schema.Type.Boolean:
                _ = r.ReadBoolean();
                return;
            case Schema.Type.Int:
                _ = r.ReadInt();
                return;
            case Schema.Type.Long:
                _ = r.ReadLong();
                return;
            case Schema.Type.Float:
                _ = r.ReadFloat();
                return;
            case Schema.Type.Double:
                _ = r.ReadDouble();
                return;
            case Schema.Type.String:
                _ = r.ReadUtf8();
                return;
            case Schema.Type.Bytes:
                _ = r.ReadUtf8(); // Same framing as a string: long length, then bytes.
                return;
            default:
                throw AvroDecodeException.At(r.Position, $"schema type {tag} is not supported by the validator");
        }
    }
}
