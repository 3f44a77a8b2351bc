using YamlDotNet.RepresentationModel;

namespace DataBridge.Kpi.Model.Yaml;

/// <summary>Reads an asset's 'state:' (code tag + code map, or boolean tags) and 'reason:' sections.</summary>
internal static class StateReader
{
    public static StateSourceModel? ReadState(YamlCursor cursor, YamlMappingNode asset)
    {
        var node = YamlCursor.Get(asset, "state");
        if (node is null)
        {
            cursor.Error(asset, "an asset needs 'state:' with either 'tag:' and 'codes:' or boolean tags 'running:' and 'fault:'.");
            return null;
        }

        if (cursor.Mapping(node, "'state'") is not { } map)
        {
            return null;
        }

        cursor.OnlyKeys(map, "'state'", "tag", "codes", "running", "fault", "blocked", "starved", "plannedStop");
        if (YamlCursor.Get(map, "tag") is { } tagNode)
        {
            var tag = cursor.Text(tagNode, "state 'tag'");
            var codes = new Dictionary<long, MachineState>();
            if (YamlCursor.Get(map, "codes") is not { } codesNode)
            {
                cursor.Error(map, "a state code tag needs 'codes:', e.g. {0: down, 1: running, 2: idle, 4: planned-stop}.");
                return null;
            }

            if (cursor.Mapping(codesNode, "'codes'") is { } codeMap)
            {
                foreach (var (k, v) in codeMap.Children)
                {
                    var code = cursor.Integer(k, "a state code");
                    var name = cursor.Text(v, "a state name");
                    var s = MachineState.Unknown;
                    if (name is not null && (!MachineStateNames.TryParse(name, out s) || s == MachineState.Unknown))
                    {
                        cursor.Error(v, $"unknown state '{name}'; use running, idle, down, blocked, starved or planned-stop.");
                    }
                    else if (code is not null && name is not null && !codes.TryAdd(code.Value, s))
                    {
                        cursor.Error(k, $"state code {code} is mapped twice.");
                    }
                }
            }

            return tag is null ? null : new StateSourceModel { CodeTag = tag, Codes = codes };
        }

        var running = cursor.Text(YamlCursor.Get(map, "running"), "'running'");
        if (running is null)
        {
            if (YamlCursor.Get(map, "running") is null)
            {
                cursor.Error(map, "'state' needs either 'tag:' (a state code) or 'running:' (a boolean tag).");
            }

            return null;
        }

        return new StateSourceModel
        {
            RunningTag = running,
            FaultTag = cursor.Text(YamlCursor.Get(map, "fault"), "'fault'"),
            BlockedTag = cursor.Text(YamlCursor.Get(map, "blocked"), "'blocked'"),
            StarvedTag = cursor.Text(YamlCursor.Get(map, "starved"), "'starved'"),
            PlannedStopTag = cursor.Text(YamlCursor.Get(map, "plannedStop"), "'plannedStop'"),
        };
    }

    public static (string? Tag, Dictionary<long, string> Reasons) ReadReason(YamlCursor cursor, YamlNode? node)
    {
        var reasons = new Dictionary<long, string>();
        if (cursor.Mapping(node, "'reason'") is not { } map)
        {
            return (null, reasons);
        }

        cursor.OnlyKeys(map, "'reason'", "tag", "codes");
        var tag = cursor.RequiredText(map, "tag", "'reason'");
        if (cursor.Mapping(YamlCursor.Get(map, "codes"), "reason 'codes'") is { } codes)
        {
            foreach (var (k, v) in codes.Children)
            {
                if (cursor.Integer(k, "a reason code") is { } code && cursor.Text(v, "a reason name") is { } name && !reasons.TryAdd(code, name))
                {
                    cursor.Error(k, $"reason code {code} is listed twice.");
                }
            }
        }

        return (tag, reasons);
    }
}
