using YamlDotNet.RepresentationModel;

namespace DataBridge.Kpi.Model.Yaml;

/// <summary>Reads the 'calendars:' section: named shift calendars with weekdays, shift times and breaks.</summary>
internal static class CalendarReader
{
    public static Dictionary<string, ShiftCalendar> ReadAll(YamlCursor cursor, YamlMappingNode? node)
    {
        var result = new Dictionary<string, ShiftCalendar>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        foreach (var (key, value) in node.Children)
        {
            var name = cursor.Text(key, "a calendar name");
            if (name is null || cursor.Mapping(value, $"calendar '{name}'") is not { } map)
            {
                continue;
            }

            cursor.OnlyKeys(map, $"calendar '{name}'", "timeZone", "shifts");
            var tz = TimeZoneInfo.Utc;
            if (YamlCursor.Get(map, "timeZone") is { } tzNode && cursor.Text(tzNode, "'timeZone'") is { } tzName)
            {
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(tzName, out var found))
                {
                    cursor.Error(tzNode, $"unknown time zone '{tzName}'; use an IANA name such as Europe/Berlin or UTC.");
                }
                else
                {
                    tz = found;
                }
            }

            var shifts = new List<ShiftDefinition>();
            var shiftsNode = YamlCursor.Get(map, "shifts");
            if (shiftsNode is null)
            {
                cursor.Error(map, $"calendar '{name}' needs 'shifts:', a list of shifts with days, start and end.");
            }
            else if (cursor.Sequence(shiftsNode, "'shifts'") is { } list)
            {
                foreach (var item in list)
                {
                    if (cursor.Mapping(item, "a shift") is { } shiftMap && ReadShift(cursor, shiftMap) is { } shift)
                    {
                        shifts.Add(shift);
                    }
                }
            }

            result[name] = new ShiftCalendar { Name = name, TimeZone = tz, Shifts = shifts };
        }

        return result;
    }

    private static ShiftDefinition? ReadShift(YamlCursor cursor, YamlMappingNode map)
    {
        cursor.OnlyKeys(map, "a shift", "name", "days", "start", "end", "breaks");
        var name = cursor.RequiredText(map, "name", "a shift");
        var start = cursor.TimeOfDay(YamlCursor.Get(map, "start"), "'start'");
        var end = cursor.TimeOfDay(YamlCursor.Get(map, "end"), "'end'");
        if (YamlCursor.Get(map, "start") is null || YamlCursor.Get(map, "end") is null)
        {
            cursor.Error(map, "a shift needs 'start:' and 'end:' local times, e.g. start: \"06:00\".");
        }

        var days = ReadDays(cursor, YamlCursor.Get(map, "days"));
        var breaks = new List<(TimeOnly, TimeOnly)>();
        if (cursor.Sequence(YamlCursor.Get(map, "breaks"), "'breaks'") is { } list)
        {
            foreach (var item in list)
            {
                if (cursor.Mapping(item, "a break") is not { } b)
                {
                    continue;
                }

                cursor.OnlyKeys(b, "a break", "start", "end", "name");
                var bs = cursor.TimeOfDay(YamlCursor.Get(b, "start"), "break 'start'");
                var be = cursor.TimeOfDay(YamlCursor.Get(b, "end"), "break 'end'");
                if (bs is null || be is null)
                {
                    if (YamlCursor.Get(b, "start") is null || YamlCursor.Get(b, "end") is null)
                    {
                        cursor.Error(b, "a break needs 'start:' and 'end:' local times.");
                    }

                    continue;
                }

                breaks.Add((bs.Value, be.Value));
            }
        }

        if (name is null || start is null || end is null || days is null)
        {
            return null;
        }

        return new ShiftDefinition { Name = name, Days = days, Start = start.Value, End = end.Value, Breaks = breaks };
    }

    private static HashSet<DayOfWeek>? ReadDays(YamlCursor cursor, YamlNode? node)
    {
        var days = new HashSet<DayOfWeek>();
        if (node is null)
        {
            // No 'days:' means every day.
            days.UnionWith(Enum.GetValues<DayOfWeek>());
            return days;
        }

        IEnumerable<YamlNode> items = node is YamlSequenceNode seq ? seq.Children : [node];
        var ok = true;
        foreach (var item in items)
        {
            var text = cursor.Text(item, "a weekday");
            if (text is null)
            {
                ok = false;
                continue;
            }

            var dash = text.IndexOf('-', StringComparison.Ordinal);
            if (text is "daily" or "all")
            {
                days.UnionWith(Enum.GetValues<DayOfWeek>());
            }
            else if (dash > 0 && Day(text[..dash]) is { } from && Day(text[(dash + 1)..]) is { } to)
            {
                for (var d = from; ; d = (DayOfWeek)(((int)d + 1) % 7))
                {
                    days.Add(d);
                    if (d == to)
                    {
                        break;
                    }
                }
            }
            else if (Day(text) is { } d)
            {
                days.Add(d);
            }
            else
            {
                cursor.Error(item, $"unknown weekday '{text}'; use mon, tue, wed, thu, fri, sat, sun, a range like mon-fri, or daily.");
                ok = false;
            }
        }

        return ok ? days : null;
    }

    private static DayOfWeek? Day(string text) => text.Trim().ToUpperInvariant() switch
    {
        "MON" or "MONDAY" => DayOfWeek.Monday,
        "TUE" or "TUESDAY" => DayOfWeek.Tuesday,
        "WED" or "WEDNESDAY" => DayOfWeek.Wednesday,
        "THU" or "THURSDAY" => DayOfWeek.Thursday,
        "FRI" or "FRIDAY" => DayOfWeek.Friday,
        "SAT" or "SATURDAY" => DayOfWeek.Saturday,
        "SUN" or "SUNDAY" => DayOfWeek.Sunday,
        _ => null,
    };
}
