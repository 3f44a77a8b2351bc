using DataBridge.Configuration;
using YamlDotNet.RepresentationModel;

namespace DataBridge.Kpi.Model.Yaml;

/// <summary>Reads one entry of 'assets:' and checks the assets against each other.</summary>
internal static class AssetReader
{
    public static AssetModel? Read(YamlCursor cursor, YamlMappingNode map, Dictionary<string, ShiftCalendar> calendars)
    {
        cursor.OnlyKeys(map, "an asset", "path", "calendar", "state", "reason", "counters", "idealCycleTime", "microStopThreshold", "targets");
        var path = cursor.RequiredText(map, "path", "an asset");
        if (path is not null)
        {
            // The kernel's asset path rule; the characters are not checked (models with upper-case paths were accepted
            // before the rule was shared, and stay valid).
            if (!AssetPath.TryParse(path, anyCharacters: true, out _, out var problem))
            {
                cursor.Error(YamlCursor.Get(map, "path")!, $"asset path '{path}' must be an ISA-95 path enterprise/site/area/line or enterprise/site/area/line/cell: it {problem}.");
                path = null;
            }
        }

        var calendar = ShiftCalendar.AlwaysOn;
        if (YamlCursor.Get(map, "calendar") is { } calNode && cursor.Text(calNode, "'calendar'") is { } calName)
        {
            if (!calendars.TryGetValue(calName, out var found))
            {
                cursor.Error(calNode, $"calendar '{calName}' is not defined under 'calendars:' (defined: {(calendars.Count == 0 ? "none" : string.Join(", ", calendars.Keys))}).");
            }
            else
            {
                calendar = found;
            }
        }

        var state = StateReader.ReadState(cursor, map);
        var (reasonTag, reasons) = StateReader.ReadReason(cursor, YamlCursor.Get(map, "reason"));
        var (total, good) = ReadCounters(cursor, map);
        var ideal = cursor.Duration(YamlCursor.Get(map, "idealCycleTime"), "'idealCycleTime'");
        if (YamlCursor.Get(map, "idealCycleTime") is null)
        {
            cursor.Error(map, "an asset needs 'idealCycleTime:' (seconds per part at the fastest sustainable rate, e.g. 2.5s).");
        }

        var micro = cursor.Duration(YamlCursor.Get(map, "microStopThreshold"), "'microStopThreshold'", mustBePositive: false) ?? TimeSpan.FromSeconds(120);
        var targets = ReadTargets(cursor, YamlCursor.Get(map, "targets"));
        if (path is null || state is null || total is null || ideal is null)
        {
            return null;
        }

        return new AssetModel
        {
            AssetPath = path,
            Calendar = calendar,
            State = state,
            ReasonTag = reasonTag,
            Reasons = reasons,
            TotalCounter = total,
            GoodCounter = good,
            IdealCycleSeconds = ideal.Value.TotalSeconds,
            MicroStopThreshold = micro,
            Targets = targets,
        };
    }

    /// <summary>Duplicate paths, a line measured together with its own cells, and tags bound twice are errors.</summary>
    public static void CheckConsistency(YamlCursor cursor, YamlSequenceNode list, List<AssetModel> assets)
    {
        var nodeByPath = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            if (item is YamlMappingNode m && YamlCursor.Get(m, "path") is YamlScalarNode p && p.Value is { } v)
            {
                nodeByPath.TryAdd(v.Trim(), p);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tagOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in assets)
        {
            var node = nodeByPath.GetValueOrDefault(a.AssetPath) ?? list;
            if (!seen.Add(a.AssetPath))
            {
                cursor.Error(node, $"asset '{a.AssetPath}' is defined twice; keep one entry.");
            }

            foreach (var other in assets)
            {
                if (other.AssetPath.StartsWith(a.AssetPath + "/", StringComparison.Ordinal))
                {
                    cursor.Error(node, $"line '{a.AssetPath}' is measured and so is its cell '{other.AssetPath}'; measure either the line or its cells (the line is rolled up from its cells).");
                    break;
                }
            }

            foreach (var tag in TagsOf(a))
            {
                if (!tagOwner.TryAdd(tag, a.AssetPath) && tagOwner[tag] != a.AssetPath)
                {
                    cursor.Error(node, $"tag '{tag}' is already used by asset '{tagOwner[tag]}'; each tag can feed one asset.");
                }
            }
        }
    }

    internal static IEnumerable<string> TagsOf(AssetModel a)
    {
        string?[] tags = [a.State.CodeTag, a.State.RunningTag, a.State.FaultTag, a.State.BlockedTag, a.State.StarvedTag, a.State.PlannedStopTag, a.ReasonTag, a.TotalCounter.TagId, a.GoodCounter?.TagId];
        foreach (var t in tags)
        {
            if (t is not null)
            {
                yield return t;
            }
        }
    }

    private static (CounterModel? Total, CounterModel? Good) ReadCounters(YamlCursor cursor, YamlMappingNode map)
    {
        var node = YamlCursor.Get(map, "counters");
        if (node is null)
        {
            cursor.Error(map, "an asset needs 'counters:' with at least 'total:' (the produced-parts counter tag).");
            return (null, null);
        }

        if (cursor.Mapping(node, "'counters'") is not { } counters)
        {
            return (null, null);
        }

        cursor.OnlyKeys(counters, "'counters'", "total", "good");
        var totalNode = YamlCursor.Get(counters, "total");
        if (totalNode is null)
        {
            cursor.Error(counters, "'counters' needs 'total:' (the produced-parts counter tag).");
        }

        return (ReadCounter(cursor, totalNode, "'total'"), ReadCounter(cursor, YamlCursor.Get(counters, "good"), "'good'"));
    }

    private static CounterModel? ReadCounter(YamlCursor cursor, YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode)
        {
            return cursor.Text(node, what) is { } tag ? new CounterModel { TagId = tag } : null;
        }

        if (cursor.Mapping(node, what) is not { } m)
        {
            return null;
        }

        cursor.OnlyKeys(m, what, "tag", "wrapAt");
        var id = cursor.RequiredText(m, "tag", $"counter {what}");
        var wrap = cursor.Number(YamlCursor.Get(m, "wrapAt"), $"'wrapAt' of {what}", 2, 1.8e19);
        return id is null ? null : new CounterModel { TagId = id, WrapAt = wrap };
    }

    private static KpiTargets ReadTargets(YamlCursor cursor, YamlNode? node)
    {
        if (cursor.Mapping(node, "'targets'") is not { } m)
        {
            return new KpiTargets();
        }

        cursor.OnlyKeys(m, "'targets'", "oee", "throughputPerHour");
        return new KpiTargets
        {
            Oee = cursor.Number(YamlCursor.Get(m, "oee"), "'oee' target", 0, 1) ?? 0.85,
            ThroughputPerHour = cursor.Number(YamlCursor.Get(m, "throughputPerHour"), "'throughputPerHour' target", 0, 1e9),
        };
    }
}
