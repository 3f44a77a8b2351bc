using System.Globalization;
using System.Text;
using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

public class TemplateExpansionTests
{
    private const string Template = """
        bridge: { id: edge-plant7 }
        templates:
          press:
            modbus: { port: 1502, unit: 1, timeout: 2s, maxGap: 8, pollGroups: { fast: 250ms, slow: 5s } }
            tags:
              - { name: temperature, address: holding:100, type: float32, unit: CEL, deadband: 0.5, heartbeat: 10s, pollGroup: fast }
              - { name: pressure, address: holding:102, type: uint16, scale: { raw: [0, 32767], eng: [0, 100] }, pollGroup: fast }
              - { name: running, address: discrete:0, pollGroup: fast }
              - { name: recipe, address: holding:200, type: string, length: 8, pollGroup: slow }
        sources:

        """;

    [Fact]
    public void Template_expanded_for_twenty_sources_gives_twenty_times_its_tags_with_ids_under_each_asset()
    {
        var yaml = new StringBuilder(Template);
        for (var i = 1; i <= 20; i++)
        {
            var n = i.ToString("00", CultureInfo.InvariantCulture);
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: press{n}, template: press, host: 10.0.0.{i}, asset: acme/plant7/press/line2/press{n} }}\n");
        }

        var config = Yaml.Load(yaml.ToString());

        Assert.Equal(20, config.Sources.Count);
        Assert.Equal(80, config.Sources.Sum(s => s.Tags.Count));
        var seven = Assert.IsType<ModbusSourceDefinition>(config.Sources[6]);
        Assert.Equal("press07", seven.Id);
        Assert.Equal("press", seven.Template);
        Assert.Equal("10.0.0.7", seven.Host);
        Assert.Equal(1502, seven.Port);
        Assert.Equal(TimeSpan.FromSeconds(2), seven.RequestTimeout);
        Assert.Equal(8, seven.MaxGap);
        Assert.Equal(["fast", "slow"], seven.PollGroups.Select(g => g.Name));
        Assert.Equal(
            ["acme/plant7/press/line2/press07/temperature", "acme/plant7/press/line2/press07/pressure", "acme/plant7/press/line2/press07/running", "acme/plant7/press/line2/press07/recipe"],
            seven.Tags.Select(t => t.TagId));

        var temperature = Assert.IsType<ModbusTagDefinition>(seven.Tags[0]);
        Assert.Equal(ModbusTable.HoldingRegister, temperature.Table);
        Assert.Equal((ushort)100, temperature.Address);
        Assert.Equal(ModbusDataType.Float32, temperature.DataType);
        Assert.Equal("CEL", temperature.Unit);
        Assert.Equal(0.5, temperature.Deadband);
        Assert.Equal(TimeSpan.FromSeconds(10), temperature.Heartbeat);
        Assert.Equal("fast", temperature.PollGroup);
        Assert.Equal(new SourceLocation(Yaml.File, 6, 9), temperature.Location);

        var pressure = Assert.IsType<ModbusTagDefinition>(seven.Tags[1]);
        Assert.Equal(100.0, pressure.Scaling.Apply(32767), 9);
        var running = Assert.IsType<ModbusTagDefinition>(seven.Tags[2]);
        Assert.Equal(ModbusDataType.Bool, running.DataType);
        Assert.Equal(ModbusTable.DiscreteInput, running.Table);
        var recipe = Assert.IsType<ModbusTagDefinition>(seven.Tags[3]);
        Assert.Equal(8, recipe.StringLength);
        Assert.Equal("slow", recipe.PollGroup);
        Assert.Equal(80, config.Sources.SelectMany(s => s.Tags).Select(t => t.TagId).Distinct().Count());
    }

    [Fact]
    public void Source_overrides_template_settings_poll_intervals_and_tags_of_the_same_name()
    {
        var config = Yaml.Load(Template + """
              - id: press01
                template: press
                asset: acme/plant7/press/line2/press01
                host: 10.0.0.1
                unit: 7
                modbus: { port: 502, pollGroups: { fast: 1s, hourly: 1h } }
                tags:
                  - { name: temperature, address: input:5, type: int16, scale: 0.1, unit: CEL, pollGroup: fast }
                  - { name: energy, address: input:20, type: float64, unit: KWH, pollGroup: hourly }
            """);

        var source = Assert.IsType<ModbusSourceDefinition>(Assert.Single(config.Sources));
        Assert.Equal((byte)7, source.UnitId);
        Assert.Equal(502, source.Port);
        Assert.Equal(TimeSpan.FromSeconds(2), source.RequestTimeout);
        Assert.Equal(
            [("fast", TimeSpan.FromSeconds(1)), ("slow", TimeSpan.FromSeconds(5)), ("hourly", TimeSpan.FromHours(1))],
            source.PollGroups.Select(g => (g.Name, g.Interval)));
        Assert.Equal(["temperature", "pressure", "running", "recipe", "energy"], source.Tags.Select(t => t.Name));
        var temperature = Assert.IsType<ModbusTagDefinition>(source.Tags[0]);
        Assert.Equal(ModbusTable.InputRegister, temperature.Table);
        Assert.Equal(ModbusDataType.Int16, temperature.DataType);
        Assert.Equal(new Scaling(0.1, 0), temperature.Scaling);
        Assert.Null(temperature.Heartbeat);
    }

    [Fact]
    public void Source_without_poll_groups_gets_a_default_group_of_one_second()
    {
        var config = Yaml.Load("""
            bridge: { id: b }
            sources:
              - id: s
                asset: acme/site/area/line
                host: 127.0.0.1
                tags: [ { name: level, address: 30001, type: uint16 } ]
            """);
        var source = Assert.IsType<ModbusSourceDefinition>(Assert.Single(config.Sources));
        var group = Assert.Single(source.PollGroups);
        Assert.Equal(("default", TimeSpan.FromSeconds(1)), (group.Name, group.Interval));
        var tag = Assert.IsType<ModbusTagDefinition>(Assert.Single(source.Tags));
        Assert.Equal((ModbusTable.InputRegister, (ushort)0, "30001", "default"), (tag.Table, tag.Address, tag.AddressText, tag.PollGroup));
        Assert.Equal((502, (byte)1, 125, 2000, 4), (source.Port, source.UnitId, source.MaxRegistersPerRequest, source.MaxBitsPerRequest, source.MaxInFlight));
    }
}
