using Avro;
using DataBridge.Schemas.Compatibility;
using DataBridge.Testing.Support;

namespace DataBridge.Schemas.Tests;

public sealed class CompatibilityTests
{
    public static TheoryData<string> SchemaFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Combine("src", "Schemas"), "*.avsc"))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void Every_schema_reads_data_written_with_its_previous_version(string file)
    {
        var previousPath = RepoPaths.Combine("src", "Schemas", "previous", file);
        Assert.True(File.Exists(previousPath), $"{file} has no previous version: commit a copy in src/Schemas/previous/ (see src/Schemas/README.md)");
        var current = Schema.Parse(File.ReadAllText(RepoPaths.Combine("src", "Schemas", file)));
        var previous = Schema.Parse(File.ReadAllText(previousPath));
        var result = SchemaCompatibility.CheckBackward(previous, current);
        Assert.True(result.IsCompatible, $"{file} breaks BACKWARD compatibility:\n{result}");
    }

    [Fact]
    public void Every_schema_file_is_embedded_in_the_assembly()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Combine("src", "Schemas"), "*.avsc"))
        {
            Assert.Equal(File.ReadAllText(file), AvroSchemas.GetText(Path.GetFileName(file)));
        }
    }

    [Theory]
    [InlineData("""{"name":"b","type":"string","default":""}""", "adding a field with a default")]
    [InlineData("""{"name":"b","type":["null","string"],"default":null}""", "adding an optional field")]
    public void Adding_a_field_with_a_default_is_backward_compatible(string newField, string what)
    {
        var result = Check(Record("""{"name":"a","type":"int"}"""), Record($$"""{"name":"a","type":"int"},{{newField}}"""));
        Assert.True(result.IsCompatible, what + ": " + result);
    }

    [Fact]
    public void A_timestamp_becoming_nullable_with_the_same_logical_type_is_backward_compatible_and_another_logical_type_is_not()
    {
        const string Micros = """{ "type": "long", "logicalType": "timestamp-micros" }""";
        const string Millis = """{ "type": "long", "logicalType": "timestamp-millis" }""";
        Assert.True(Check(Record($$"""{"name":"t","type":{{Micros}}}"""), Record($$"""{"name":"t","type":["null",{{Micros}}],"default":null}""")).IsCompatible);
        Assert.False(Check(Record($$"""{"name":"t","type":{{Micros}}}"""), Record($$"""{"name":"t","type":["null",{{Millis}}],"default":null}""")).IsCompatible);
    }

    [Fact]
    public void Adding_a_field_without_a_default_breaks_and_names_the_field()
    {
        var result = Check(Record("""{"name":"a","type":"int"}"""), Record("""{"name":"a","type":"int"},{"name":"b","type":"string"}"""));
        Assert.False(result.IsCompatible);
        Assert.Contains("R.b", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_field_is_backward_compatible()
    {
        Assert.True(Check(Record("""{"name":"a","type":"int"},{"name":"b","type":"string"}"""), Record("""{"name":"a","type":"int"}""")).IsCompatible);
    }

    [Theory]
    [InlineData("int", "long", true)]
    [InlineData("int", "float", true)]
    [InlineData("int", "double", true)]
    [InlineData("long", "float", true)]
    [InlineData("long", "double", true)]
    [InlineData("float", "double", true)]
    [InlineData("string", "bytes", true)]
    [InlineData("bytes", "string", true)]
    [InlineData("long", "int", false)]
    [InlineData("double", "float", false)]
    [InlineData("string", "int", false)]
    [InlineData("boolean", "int", false)]
    public void Type_changes_follow_avro_promotion_rules(string from, string to, bool compatible)
    {
        var result = Check(Record($$"""{"name":"a","type":"{{from}}"}"""), Record($$"""{"name":"a","type":"{{to}}"}"""));
        Assert.Equal(compatible, result.IsCompatible);
    }

    [Fact]
    public void Removing_a_union_branch_the_previous_schema_wrote_breaks()
    {
        var result = Check(Record("""{"name":"v","type":["null","int","string"]}"""), Record("""{"name":"v","type":["null","int"]}"""));
        Assert.False(result.IsCompatible);
        Assert.Contains("string", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_union_branch_or_widening_a_type_into_a_union_is_compatible()
    {
        Assert.True(Check(Record("""{"name":"v","type":["null","int"]}"""), Record("""{"name":"v","type":["null","int","string"]}""")).IsCompatible);
        Assert.True(Check(Record("""{"name":"v","type":"int"}"""), Record("""{"name":"v","type":["null","long"]}""")).IsCompatible);
        Assert.False(Check(Record("""{"name":"v","type":["null","int"]}"""), Record("""{"name":"v","type":"int"}""")).IsCompatible);
    }

    [Fact]
    public void Removing_an_enum_symbol_breaks_unless_the_new_enum_has_a_default()
    {
        var before = Record("""{"name":"e","type":{"type":"enum","name":"E","symbols":["a","b","c"]}}""");
        Assert.False(Check(before, Record("""{"name":"e","type":{"type":"enum","name":"E","symbols":["a","b"]}}""")).IsCompatible);
        Assert.True(Check(before, Record("""{"name":"e","type":{"type":"enum","name":"E","symbols":["a","b"],"default":"a"}}""")).IsCompatible);
        Assert.True(Check(before, Record("""{"name":"e","type":{"type":"enum","name":"E","symbols":["a","b","c","d"]}}""")).IsCompatible);
    }

    [Fact]
    public void Adding_an_enum_symbol_breaks_old_readers_without_a_default()
    {
        // FORWARD direction: old consumers read data of the new writer.
        var old = Record("""{"name":"e","type":{"type":"enum","name":"E","symbols":["a","b"]}}""");
        var added = Record("""{"name":"e","type":{"type":"enum","name":"E","symbols":["a","b","c"]}}""");
        Assert.False(SchemaCompatibility.CheckForward(old, added).IsCompatible);
    }

    [Fact]
    public void Changing_a_logical_type_breaks_even_though_the_bytes_decode()
    {
        var result = Check(
            Record("""{"name":"t","type":{"type":"long","logicalType":"timestamp-millis"}}"""),
            Record("""{"name":"t","type":{"type":"long","logicalType":"timestamp-micros"}}"""));
        Assert.False(result.IsCompatible);
    }

    [Fact]
    public void Renaming_a_record_breaks_and_nested_problems_carry_their_path()
    {
        Assert.False(SchemaCompatibility.CheckBackward(
            Schema.Parse("""{"type":"record","name":"A","fields":[]}"""),
            Schema.Parse("""{"type":"record","name":"B","fields":[]}""")).IsCompatible);
        var result = Check(
            Record("""{"name":"m","type":{"type":"map","values":{"type":"record","name":"In","fields":[{"name":"x","type":"int"}]}}}"""),
            Record("""{"name":"m","type":{"type":"map","values":{"type":"record","name":"In","fields":[{"name":"x","type":"int"},{"name":"y","type":"int"}]}}}"""));
        Assert.Contains("R.m{}.y", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_renamed_with_an_alias_still_reads_the_old_field()
    {
        Assert.True(Check(Record("""{"name":"a","type":"int"}"""), Record("""{"name":"b","aliases":["a"],"type":"int"}""")).IsCompatible);
    }

    private static Schema Record(string fields) => Schema.Parse($$"""{"type":"record","name":"R","namespace":"io.databridge","fields":[{{fields}}]}""");

    private static CompatibilityResult Check(Schema previous, Schema current) => SchemaCompatibility.CheckBackward(previous, current);
}
