namespace DataBridge.Kpi.Model;

/// <summary>
/// A named shift calendar in one time zone. It answers two questions the engine asks: which planned intervals
/// (shifts minus breaks) overlap a span, and which shift is the current one.
/// </summary>
public sealed class ShiftCalendar
{
    /// <summary>A calendar that plans every hour of every day (24/7 operation, no breaks).</summary>
    public static ShiftCalendar AlwaysOn { get; } = new()
    {
        Name = "24/7",
        TimeZone = TimeZoneInfo.Utc,
        Shifts =
        [
            new ShiftDefinition
            {
                Name = "day",
                Days = new HashSet<DayOfWeek>(Enum.GetValues<DayOfWeek>()),
                Start = TimeOnly.MinValue,
                End = TimeOnly.MinValue,
            },
        ],
    };

    /// <summary>
    /// A calendar whose one shift <paramref name="shiftName"/> starts every day at the UTC time of day of
    /// <paramref name="startUtc"/> and lasts <paramref name="length"/> (no breaks). The demo's shift starts when the
    /// demo starts, so its first minute is a first minute of shift and not a late start into a shift from midnight.
    /// </summary>
    public static ShiftCalendar StartingAt(string shiftName, DateTime startUtc, TimeSpan length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shiftName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, TimeSpan.FromHours(24));
        var start = TimeOnly.FromTimeSpan(startUtc.ToUniversalTime().TimeOfDay);
        return new ShiftCalendar
        {
            Name = shiftName,
            TimeZone = TimeZoneInfo.Utc,
            Shifts =
            [
                new ShiftDefinition
                {
                    Name = shiftName,
                    Days = new HashSet<DayOfWeek>(Enum.GetValues<DayOfWeek>()),
                    Start = start,
                    End = start.Add(length),
                },
            ],
        };
    }

    /// <summary>Calendar name as referenced by assets.</summary>
    public required string Name { get; init; }

    /// <summary>Time zone of the local shift times.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The shift patterns.</summary>
    public required IReadOnlyList<ShiftDefinition> Shifts { get; init; }

    /// <summary>Appends the shift occurrences that overlap [from, to) to <paramref name="into"/>, sorted by start.</summary>
    public void GetShifts(DateTime fromUtc, DateTime toUtc, List<ShiftInstance> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(fromUtc, TimeZone)).AddDays(-1);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(toUtc, TimeZone)).AddDays(1);
        var start = into.Count;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            foreach (var shift in Shifts)
            {
                if (!shift.Days.Contains(day.DayOfWeek))
                {
                    continue;
                }

                var (s, e) = Span(day, shift.Start, shift.End);
                if (e > fromUtc && s < toUtc)
                {
                    into.Add(new ShiftInstance(shift.Name, s, e));
                }
            }
        }

        into.Sort(start, into.Count - start, Comparer<ShiftInstance>.Create((a, b) => a.StartUtc.CompareTo(b.StartUtc)));
    }

    /// <summary>
    /// The planned intervals (shift time minus breaks) that overlap [from, to), clipped to it, sorted and merged.
    /// </summary>
    public void GetPlannedIntervals(DateTime fromUtc, DateTime toUtc, List<TimeInterval> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var raw = new List<TimeInterval>();
        var breaks = new List<TimeInterval>();
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(fromUtc, TimeZone)).AddDays(-1);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(toUtc, TimeZone)).AddDays(1);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            foreach (var shift in Shifts)
            {
                if (!shift.Days.Contains(day.DayOfWeek))
                {
                    continue;
                }

                var (s, e) = Span(day, shift.Start, shift.End);
                raw.Add(new TimeInterval(s.Ticks, e.Ticks));
                foreach (var (bs, be) in shift.Breaks)
                {
                    // A break earlier in the day than the shift start belongs to a shift that crosses midnight.
                    var breakDay = bs < shift.Start ? day.AddDays(1) : day;
                    var (b0, b1) = Span(breakDay, bs, be);
                    breaks.Add(new TimeInterval(b0.Ticks, b1.Ticks));
                }
            }
        }

        raw.Sort((a, b) => a.Start.CompareTo(b.Start));
        breaks.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = Intervals.Merge(raw);
        var planned = Intervals.Subtract(merged, Intervals.Merge(breaks));
        foreach (var p in planned)
        {
            var s = Math.Max(p.Start, fromUtc.Ticks);
            var e = Math.Min(p.End, toUtc.Ticks);
            if (e > s)
            {
                into.Add(new TimeInterval(s, e));
            }
        }
    }

    /// <summary>
    /// The shift that contains <paramref name="atUtc"/>; when none does, the most recent shift that started
    /// in the 7 days before (so the dashboard keeps showing the last shift between shifts).
    /// </summary>
    public bool TryGetCurrentShift(DateTime atUtc, out ShiftInstance shift)
    {
        var list = new List<ShiftInstance>();
        GetShifts(atUtc.AddDays(-7), atUtc.AddTicks(1), list);
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].StartUtc <= atUtc)
            {
                shift = list[i];
                return true;
            }
        }

        shift = default;
        return false;
    }

    private (DateTime Start, DateTime End) Span(DateOnly day, TimeOnly start, TimeOnly end)
    {
        var s = ToUtc(day.ToDateTime(start));
        var endDay = end <= start ? day.AddDays(1) : day;
        var e = ToUtc(endDay.ToDateTime(end));
        return (s, e);
    }

    private DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(unspecified))
        {
            // A local time skipped by a daylight-saving change: the shift starts when the clock jumps.
            unspecified = unspecified.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, TimeZone);
    }
}
