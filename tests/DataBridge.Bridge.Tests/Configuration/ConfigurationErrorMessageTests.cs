namespace DataBridge.Bridge.Tests.Configuration;

public class ConfigurationErrorMessageTests
{
    [Fact]
    public void The_valid_base_configuration_loads()
    {
        var config = Yaml.Load(Yaml.Valid);
        Assert.Equal("edge-test", config.BridgeId);
        Assert.Single(config.Sources);
    }

    [Fact]
    public void Syntax_error_names_the_position_reported_by_the_yaml_parser()
    {
        var errors = Yaml.Errors("""
            bridge:
              id: x
             sources: [
            """);
        Assert.Equal(
            ["plant.yaml:3:2: YAML syntax error: While parsing a block mapping, did not find expected key; check the indentation and quoting on this line and the one above"],
            errors);
    }

    [Fact]
    public void Unknown_key_suggests_the_closest_allowed_key_and_lists_them_all()
    {
        var errors = Yaml.Errors(Yaml.Valid.Replace("    address: holding:100", "    adress: holding:100", StringComparison.Ordinal));
        Assert.Contains(
            "plant.yaml:9:9: unknown key 'adress' in tag 'temperature'; did you mean 'address'? Allowed keys: name, address, type, byteOrder, length, trim, unit, scale, deadband, heartbeat, pollGroup, description",
            errors);
        Assert.Contains("plant.yaml:8:9: missing required key 'address' in tag 'temperature'; add e.g. 'address: holding:100'", errors);
    }

    [Fact]
    public void Unknown_key_without_a_close_match_lists_the_allowed_keys()
    {
        var errors = Yaml.Errors(Yaml.Valid.Replace("  id: edge-test", "  id: edge-test\n  colour: blue", StringComparison.Ordinal));
        Assert.Equal(["plant.yaml:3:3: unknown key 'colour' in bridge; allowed keys: id, stateDir"], errors);
    }

    [Fact]
    public void Unknown_template_suggests_the_closest_template()
    {
        var errors = Yaml.Errors("""
            bridge: { id: edge-test }
            templates:
              press:
                modbus: { port: 502 }
                tags: [ { name: temperature, address: holding:100, type: float32 } ]
            sources:
              - { id: press01, template: press, host: 10.0.0.11, asset: acme/plant7/press/line2/press01 }
              - { id: press02, template: pres, host: 10.0.0.12, asset: acme/plant7/press/line2/press02 }
            """);
        Assert.Equal(["plant.yaml:8:30: unknown template 'pres' in source 'press02'; did you mean 'press'? Allowed templates: press"], errors);
    }

    [Fact]
    public void Bad_type_lists_the_allowed_types()
    {
        var errors = Yaml.Errors(Yaml.Valid.Replace("type: float32", "type: float", StringComparison.Ordinal));
        Assert.Equal(
            ["plant.yaml:10:15: bad type 'float' in tag 'temperature'; did you mean 'float32'? Allowed values: bool, int16, uint16, int32, uint32, int64, uint64, float32, float64, string"],
            errors);
    }

    [Fact]
    public void Duplicate_tag_in_one_list_points_at_the_first_definition()
    {
        var errors = Yaml.Errors(Yaml.Valid + "\n      - { name: temperature, address: holding:200, type: int16 }");
        Assert.Equal(["plant.yaml:11:9: duplicate tag 'temperature' in source 'boiler'; it is already defined at line 8 column 9; rename one of them"], errors);
    }

    [Fact]
    public void Duplicate_tag_id_across_sources_with_the_same_asset_path_is_an_error()
    {
        var errors = Yaml.Errors("""
            bridge: { id: edge-test }
            templates:
              press:
                modbus: { port: 502 }
                tags: [ { name: temperature, address: holding:100, type: float32 } ]
            sources:
              - { id: press01, template: press, host: 10.0.0.11, asset: acme/plant7/press/line2/press01 }
              - { id: press02, template: press, host: 10.0.0.12, asset: acme/plant7/press/line2/press01 }
            """);
        Assert.Equal(
            ["plant.yaml:8:5: duplicate tag id 'acme/plant7/press/line2/press01/temperature': source 'press02' repeats a tag of source 'press01' (line 7); tag ids must be unique, so give each source its own asset path or rename the tag"],
            errors);
    }

    [Fact]
    public void Duplicate_source_id_points_at_the_first_use()
    {
        var errors = Yaml.Errors(Yaml.Valid + """

              - id: boiler
                asset: acme/plant7/utilities/boilerhouse/boiler2
                modbus: { host: 127.0.0.2 }
                tags: [ { name: level, address: input:1, type: uint16 } ]
            """);
        Assert.Equal(["plant.yaml:11:9: duplicate source id 'boiler'; it is already used at line 4 column 9; source ids must be unique"], errors);
    }

    [Fact]
    public void Bad_duration_says_how_to_write_one()
    {
        var errors = Yaml.Errors(Yaml.Valid.Replace("fast: 250ms", "fast: 250", StringComparison.Ordinal));
        Assert.Equal(
            ["plant.yaml:6:52: bad duration '250' for 'pollGroups.fast' in modbus settings of source 'boiler': it has no unit; write a number with a unit: ms, s, m or h (e.g. 250ms, 1s, 5m, 1h30m)"],
            errors);
    }

    [Fact]
    public void Bad_address_suggests_the_table_and_shows_the_forms()
    {
        var errors = Yaml.Errors(Yaml.Valid.Replace("holding:100", "hold:100", StringComparison.Ordinal));
        Assert.Equal(
            ["plant.yaml:9:18: bad address 'hold:100' in tag 'temperature': the table 'hold' is unknown; did you mean 'holding'? Allowed tables: coil, discrete, input, holding; write table:address with a 0-based address, e.g. holding:100, input:7, coil:0, discrete:12, or holding:105.3 for bit 3 of a register (also 40101-style 1-based addresses)"],
            errors);
    }

    [Fact]
    public void Bad_asset_path_explains_the_isa95_shape()
    {
        var errors = Yaml.Errors(Yaml.Valid.Replace("acme/plant7/utilities/boilerhouse/boiler1", "Acme/plant7/boiler", StringComparison.Ordinal));
        Assert.Equal(
            ["plant.yaml:5:12: bad asset path 'Acme/plant7/boiler' in source 'boiler': it has 3 segments; write 4 or 5 lower-case segments enterprise/site/area/line[/cell] of a-z, 0-9, '_' and '-', e.g. acme/plant7/press/line2/press01"],
            errors);
    }

    [Fact]
    public void Missing_required_key_shows_what_to_add()
    {
        var errors = Yaml.Errors(Yaml.Valid.Replace("  id: edge-test\n", "  stateDir: ./s\n", StringComparison.Ordinal));
        Assert.Equal(["plant.yaml:2:3: missing required key 'id' in bridge; add e.g. 'id: edge-plant7'"], errors);
    }

    [Fact]
    public void Undefined_poll_group_suggests_a_defined_one()
    {
        var errors = Yaml.Errors(Yaml.Valid + "\n        pollGroup: fst");
        Assert.Equal(["plant.yaml:11:20: poll group 'fst' of tag 'temperature' is not defined; did you mean 'fast'? Allowed poll groups: fast; or define it under modbus: pollGroups: { fst: 1s }"], errors);
    }

    [Fact]
    public void Zero_scale_factor_is_an_error()
    {
        var errors = Yaml.Errors(Yaml.Valid + "\n        scale: { factor: 0 }");
        Assert.Equal(["plant.yaml:11:26: scale factor 0 would turn every value into the offset; write a non-zero factor such as 0.1"], errors);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass_in_file_order()
    {
        var errors = Yaml.Errors("""
            bridge: { id: "bad id" }
            sources:
              - id: boiler
                asset: acme/plant7/utilities/boilerhouse/boiler1
                modbus: { host: 127.0.0.1, port: 70000, timeout: fast }
                tags:
                  - { name: t1, address: holding:100, type: float }
                  - { name: t2, address: coil:3, type: int16 }
                  - { name: t3, address: holding:7, type: bool }
            """);
        Assert.Equal(
            [
                "plant.yaml:1:15: bad bridge id 'bad id'; use letters, digits, '_', '-' and '.' (at most 128 characters), e.g. press01",
                "plant.yaml:5:38: bad port '70000' in modbus settings of source 'boiler'; write a whole number from 1 to 65535",
                "plant.yaml:5:54: bad duration 'fast' for 'timeout' in modbus settings of source 'boiler': it does not start with a number; write a number with a unit: ms, s, m or h (e.g. 250ms, 1s, 5m, 1h30m)",
                "plant.yaml:7:49: bad type 'float' in tag 't1'; did you mean 'float32'? Allowed values: bool, int16, uint16, int32, uint32, int64, uint64, float32, float64, string",
                "plant.yaml:8:44: 'coil:3' is a single bit, so tag 't2' must have type bool; to read a number use a register address (holding:N or input:N)",
                "plant.yaml:9:47: type bool in tag 't3' needs a coil, a discrete input or a bit of a register; write e.g. holding:7.0 for bit 0, or a numeric type such as uint16",
            ],
            errors);
    }

    [Fact]
    public void Overlapping_multi_register_tags_are_a_warning_not_an_error()
    {
        var config = Yaml.Load(Yaml.Valid + "\n      - { name: energy, address: holding:101, type: float64 }");
        var warning = Assert.Single(config.Warnings);
        Assert.Equal("plant.yaml:11:9: warning: tags 'temperature' (holding:100, 2 registers) and 'energy' (holding:101, 4 registers) overlap; check the addresses", warning.ToString());
    }

    [Fact]
    public void Unit_that_is_not_a_unece_code_is_a_warning_with_a_hint()
    {
        var config = Yaml.Load(Yaml.Valid + "\n        unit: °C");
        Assert.Equal("plant.yaml:11:15: warning: unit '°C' is not a UNECE code (2-3 upper-case letters or digits); for '°C' write CEL", Assert.Single(config.Warnings).ToString());
    }

    [Fact]
    public void State_directory_with_a_nul_character_is_an_error_not_a_crash()
    {
        var errors = Yaml.Errors(Yaml.Valid.Replace("  id: edge-test", "  id: edge-test\n  stateDir: \"a\\0b\"", StringComparison.Ordinal));
        Assert.Equal(["plant.yaml:3:13: bad stateDir '\0b'; write a folder path such as ./state or /var/lib/databridge".Replace("'\0b'", "'a\0b'", StringComparison.Ordinal)], errors);
    }

    [Fact]
    public void Missing_secret_file_is_reported_with_the_path_it_looked_at()
    {
        var errors = Yaml.Errors(Yaml.Valid.Replace("host: 127.0.0.1", "host: \"${file:no-such-secret}\"", StringComparison.Ordinal));
        var expected = $"plant.yaml:6:21: secret file 'no-such-secret' does not exist (looked at {Path.Combine(Path.GetTempPath(), "no-such-secret")}); create it or correct the path";
        Assert.Equal([expected], errors);
    }

    [Fact]
    public void Unquoted_substitution_inside_a_flow_mapping_gets_a_quoting_hint()
    {
        var errors = Yaml.Errors(Yaml.Valid.Replace("host: 127.0.0.1", "host: ${HOST}", StringComparison.Ordinal));
        Assert.Equal(["plant.yaml:6:22: YAML syntax error: While parsing a flow mapping, did not find expected ',' or '}'; inside { } or [ ], quote values that use ${...}, e.g. host: \"${HOST}\""], errors);
    }

    [Fact]
    public void Unused_template_is_a_warning()
    {
        var config = Yaml.Load(Yaml.Valid.Replace("sources:", "templates:\n  spare: { modbus: { port: 502 }, tags: [] }\nsources:", StringComparison.Ordinal));
        Assert.Equal("plant.yaml:4:3: warning: template 'spare' is not used by any source; remove it or add a source with 'template: spare'", Assert.Single(config.Warnings).ToString());
    }
}
