using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>
/// The keys of a <c>modbus:</c> mapping as written (every one optional), so a template's settings can be overlaid by
/// a source's <c>modbus:</c> mapping and then by the source's shorthand keys (<c>host</c>, <c>port</c>, <c>unit</c>).
/// </summary>
internal sealed record ModbusSettingsSpec
{
    internal static readonly string[] Keys =
        ["host", "port", "unit", "timeout", "maxGap", "maxRegistersPerRequest", "maxBitsPerRequest", "maxInFlight", "pollGroups"];

    public string? Host { get; init; }

    /// <summary>True when some layer wrote 'host' (even if its value was bad), so it is not also reported missing.</summary>
    public bool HostWritten { get; init; }

    public int? Port { get; init; }

    public int? Unit { get; init; }

    public TimeSpan? Timeout { get; init; }

    public int? MaxGap { get; init; }

    public int? MaxRegistersPerRequest { get; init; }

    public int? MaxBitsPerRequest { get; init; }

    public int? MaxInFlight { get; init; }

    /// <summary>Poll groups by name in file order; later layers replace intervals and add groups.</summary>
    public IReadOnlyList<PollGroupDefinition> PollGroups { get; init; } = [];

    public static ModbusSettingsSpec Read(ConfigMapping map, string context, Diagnostics d)
    {
        var r = new MappingReader(map, context, Keys, d);
        return ReadKeys(r, includePollGroups: true);
    }

    /// <summary>Reads the shorthand keys a source may write next to <c>id</c> (host, port, unit).</summary>
    public static ModbusSettingsSpec ReadShorthand(MappingReader r) => ReadKeys(r, includePollGroups: false);

    private static ModbusSettingsSpec ReadKeys(MappingReader r, bool includePollGroups)
    {
        var host = r.String("host");
        if (host is not null && (host.Length == 0 || host.Any(char.IsWhiteSpace)))
        {
            r.Diagnostics.Error(r.At("host"), $"bad host {r.Quote("host")} in {r.Context}; write a host name or IP address such as 10.0.0.11");
            host = null;
        }

        return new ModbusSettingsSpec
        {
            Host = host,
            HostWritten = r.Node("host") is not null,
            Port = r.Int("port", 1, 65535),
            Unit = r.Int("unit", 0, 255),
            Timeout = includePollGroups ? r.Duration("timeout", TimeSpan.FromMilliseconds(10)) : null,
            MaxGap = includePollGroups ? r.Int("maxGap", 0, 124) : null,
            MaxRegistersPerRequest = includePollGroups ? r.Int("maxRegistersPerRequest", 1, 125) : null,
            MaxBitsPerRequest = includePollGroups ? r.Int("maxBitsPerRequest", 1, 2000) : null,
            MaxInFlight = includePollGroups ? r.Int("maxInFlight", 1, 16) : null,
            PollGroups = includePollGroups ? ReadPollGroups(r) : [],
        };
    }

    private static List<PollGroupDefinition> ReadPollGroups(MappingReader r)
    {
        var list = new List<PollGroupDefinition>();
        var map = r.Mapping("pollGroups");
        if (map is null)
        {
            return list;
        }

        foreach (var (key, value) in map.Entries)
        {
            if (!Names.IsValidId(key.Value))
            {
                r.Diagnostics.Error(key.Location, $"bad poll group name '{key.Value}' in {r.Context}; {Names.IdHelp}");
                continue;
            }

            if (value is ConfigScalar { IsInvalid: true })
            {
                continue;
            }

            if (value is not ConfigScalar { IsNull: false } s)
            {
                r.Diagnostics.Error(value.Location, $"poll group '{key.Value}' in {r.Context} needs an interval, e.g. '{key.Value}: 250ms'");
                continue;
            }

            var interval = r.ParseDuration(s, $"pollGroups.{key.Value}", TimeSpan.FromMilliseconds(10));
            if (interval is not null)
            {
                list.Add(new PollGroupDefinition { Name = key.Value, Interval = interval.Value });
            }
        }

        return list;
    }

    /// <summary>This layer overlaid by <paramref name="over"/>: its set values win; poll groups merge by name.</summary>
    public ModbusSettingsSpec Overlay(ModbusSettingsSpec over)
    {
        var groups = Layering.MergeByName(PollGroups, over.PollGroups, g => g.Name);

        return new ModbusSettingsSpec
        {
            Host = over.Host ?? Host,
            HostWritten = over.HostWritten || HostWritten,
            Port = over.Port ?? Port,
            Unit = over.Unit ?? Unit,
            Timeout = over.Timeout ?? Timeout,
            MaxGap = over.MaxGap ?? MaxGap,
            MaxRegistersPerRequest = over.MaxRegistersPerRequest ?? MaxRegistersPerRequest,
            MaxBitsPerRequest = over.MaxBitsPerRequest ?? MaxBitsPerRequest,
            MaxInFlight = over.MaxInFlight ?? MaxInFlight,
            PollGroups = groups,
        };
    }

    /// <summary>The effective poll groups: the declared ones, or <c>default</c> at 1 s when none is declared.</summary>
    public IReadOnlyList<PollGroupDefinition> EffectivePollGroups() =>
        PollGroups.Count > 0 ? PollGroups : [new PollGroupDefinition { Name = "default", Interval = TimeSpan.FromSeconds(1) }];
}
