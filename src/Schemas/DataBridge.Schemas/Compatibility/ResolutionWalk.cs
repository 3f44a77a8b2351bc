using Avro;

namespace DataBridge.Schemas.Compatibility;

/// <summary>One walk over a writer/reader schema pair, collecting every problem rather than stopping at the first.</summary>
internal sealed class ResolutionWalk
{
    // Named types may be recursive; a pair already being checked is assumed compatible (its problems are reported once).
    private readonly HashSet<(string Writer, string Reader)> _inProgress = [];

    public List<string> Problems { get; } = [];

    public void Check(Schema writer, Schema reader, string path)
    {
        if (writer.Tag == Schema.Type.Union)
        {
            // Spec: if the writer is a union, each branch the writer may write must be readable by the reader.
            foreach (var branch in ((UnionSchema)writer).Schemas)
            {
                Check(branch, reader, $"{path}<{SchemaCompatibility.Describe(branch)}>");
            }

            return;
        }

        if (reader.Tag == Schema.Type.Union)
        {
            // Spec: the first reader branch that matches the writer's schema is used; an error if none matches.
            foreach (var branch in ((UnionSchema)reader).Schemas)
            {
                if (Matches(writer, branch))
                {
                    Check(writer, branch, path);
                    return;
                }
            }

            Problems.Add($"{path}: the new union has no branch that reads the previous type {SchemaCompatibility.Describe(writer)}; add that branch back");
            return;
        }

        // Unions first: a logical type (e.g. timestamp-micros) becoming a nullable branch of the same logical type is
        // compared branch to branch, not as the union against the logical type.
        if (writer is LogicalSchema || reader is LogicalSchema)
        {
            CheckLogical(writer, reader, path);
            return;
        }

        if (!Matches(writer, reader))
        {
            Problems.Add($"{path}: type changed from {SchemaCompatibility.Describe(writer)} to {SchemaCompatibility.Describe(reader)}, which Avro cannot promote " +
                         "(allowed: int→long/float/double, long→float/double, float→double, string↔bytes); add a new field instead");
            return;
        }

        switch (reader)
        {
            case RecordSchema r:
                CheckRecord((RecordSchema)writer, r, path);
                break;
            case EnumSchema e:
                CheckEnum((EnumSchema)writer, e, path);
                break;
            case ArraySchema a:
                Check(((ArraySchema)writer).ItemSchema, a.ItemSchema, path + "[]");
                break;
            case MapSchema m:
                Check(((MapSchema)writer).ValueSchema, m.ValueSchema, path + "{}");
                break;
            case FixedSchema f when ((FixedSchema)writer).Size != f.Size:
                Problems.Add($"{path}: fixed size changed from {((FixedSchema)writer).Size} to {f.Size}");
                break;
            default:
                break;
        }
    }

    /// <summary>Whether a reader schema of this kind can read the writer's (names and promotions; not yet the contents).</summary>
    internal static bool Matches(Schema writer, Schema reader)
    {
        writer = Base(writer);
        reader = Base(reader);
        if (writer.Tag == reader.Tag)
        {
            return writer is not NamedSchema w || NamesMatch(w, (NamedSchema)reader);
        }

        return (writer.Tag, reader.Tag) switch
        {
            (Schema.Type.Int, Schema.Type.Long or Schema.Type.Float or Schema.Type.Double) => true,
            (Schema.Type.Long, Schema.Type.Float or Schema.Type.Double) => true,
            (Schema.Type.Float, Schema.Type.Double) => true,
            (Schema.Type.String, Schema.Type.Bytes) or (Schema.Type.Bytes, Schema.Type.String) => true,
            _ => false,
        };
    }

    private static Schema Base(Schema s) => s is LogicalSchema l ? l.BaseSchema : s;

    private static bool NamesMatch(NamedSchema writer, NamedSchema reader)
    {
        // Spec: named types match on the unqualified name. Type aliases (which Apache.Avro does not expose) are not
        // honoured, so renaming a record, enum or fixed is reported as a break; rename fields with field aliases instead.
        return string.Equals(writer.Name, reader.Name, StringComparison.Ordinal);
    }

    private void CheckLogical(Schema writer, Schema reader, string path)
    {
        var wName = (writer as LogicalSchema)?.LogicalTypeName;
        var rName = (reader as LogicalSchema)?.LogicalTypeName;
        if (!string.Equals(wName, rName, StringComparison.Ordinal) && writer.Tag != Schema.Type.Union && reader.Tag != Schema.Type.Union)
        {
            // The bytes would still decode, but their meaning changes (e.g. millis read as micros): a silent corruption.
            Problems.Add($"{path}: logical type changed from {wName ?? "none"} to {rName ?? "none"}; the same bytes would mean a different value");
            return;
        }

        Check(writer is LogicalSchema lw ? lw.BaseSchema : writer, reader is LogicalSchema lr ? lr.BaseSchema : reader, path);
    }

    private void CheckRecord(RecordSchema writer, RecordSchema reader, string path)
    {
        if (!_inProgress.Add((writer.Fullname, reader.Fullname)))
        {
            return;
        }

        foreach (var field in reader.Fields)
        {
            var fieldPath = $"{path}.{field.Name}";
            var writerField = FindWriterField(writer, field);
            if (writerField is not null)
            {
                Check(writerField.Schema, field.Schema, fieldPath);
            }
            else if (field.DefaultValue is null)
            {
                Problems.Add($"{fieldPath}: field is new and has no default, so data written with the previous schema cannot be read; give it a \"default\"");
            }
        }

        // Writer fields the reader lacks are skipped by the reader (spec): removing a field is backward compatible.
        _inProgress.Remove((writer.Fullname, reader.Fullname));
    }

    private static Field? FindWriterField(RecordSchema writer, Field readerField)
    {
        if (writer.TryGetField(readerField.Name, out var byName))
        {
            return byName;
        }

        if (readerField.Aliases is not null)
        {
            foreach (var alias in readerField.Aliases)
            {
                if (writer.TryGetField(alias, out var byAlias))
                {
                    return byAlias;
                }
            }
        }

        return null;
    }

    private void CheckEnum(EnumSchema writer, EnumSchema reader, string path)
    {
        if (reader.Default is not null)
        {
            return; // Spec (1.9+): unknown writer symbols resolve to the reader's default.
        }

        foreach (var symbol in writer.Symbols)
        {
            if (!reader.Contains(symbol))
            {
                Problems.Add($"{path}: symbol '{symbol}' was removed and the enum has no default; keep the symbol or add a \"default\"");
            }
        }
    }
}
