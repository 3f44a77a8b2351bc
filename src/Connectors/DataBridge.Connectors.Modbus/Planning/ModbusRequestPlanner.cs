using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Planning;

/// <summary>
/// Coalesces the points of a poll group into few read requests.
/// <para>
/// Rule. Per table, every point is an address interval [address, address + width). A request reads one interval
/// and serves the points lying wholly inside it (a multi-register value is never split). A set of points may share a
/// request when (1) the span from the lowest start to the highest end is at most the table's limit (125 registers
/// or 2000 bits by default) and (2) sorted by start, no run of addresses between the end of what is covered so far
/// and the next point's start is longer than the allowed gap.
/// </para>
/// <para>
/// Algorithm (greedy): sort the intervals by start (then end) and sweep, adding each interval to the open request
/// while both conditions still hold, otherwise opening a new request at it. With every point no wider than the limit,
/// this is minimal: the property tests compare it with an exhaustive search over all partitions of small point sets.
/// </para>
/// </summary>
public static class ModbusRequestPlanner
{
    /// <summary>Plans the reads for <paramref name="points"/>; throws <see cref="ArgumentException"/> naming every invalid point.</summary>
    public static IReadOnlyList<ModbusPlannedRead> Plan(IReadOnlyList<ModbusPoint> points, ModbusPlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new ModbusPlannerOptions();
        options.Validate();
        Check(points, options);

        var order = new int[points.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var pa = points[a];
            var pb = points[b];
            var c = pa.Table.CompareTo(pb.Table);
            if (c != 0)
            {
                return c;
            }

            c = pa.Address.CompareTo(pb.Address);
            if (c != 0)
            {
                return c;
            }

            c = pa.Width.CompareTo(pb.Width);
            return c != 0 ? c : a.CompareTo(b);
        });

        var plan = new List<ModbusPlannedRead>();
        var members = new List<int>();
        var table = default(ModbusTable);
        int start = 0, end = 0;
        foreach (var index in order)
        {
            var p = points[index];
            int s = p.Address, e = p.Address + p.Width;
            var limit = p.IsBit ? options.MaxBitsPerRequest : options.MaxRegistersPerRequest;
            var gap = p.IsBit ? options.MaxBitGap : options.MaxRegisterGap;
            if (members.Count > 0 && p.Table == table && s - end <= gap && Math.Max(end, e) - start <= limit)
            {
                members.Add(index);
                end = Math.Max(end, e);
                continue;
            }

            Flush(plan, members, table, start, end);
            table = p.Table;
            start = s;
            end = e;
            members.Add(index);
        }

        Flush(plan, members, table, start, end);
        return plan;
    }

    private static void Flush(List<ModbusPlannedRead> plan, List<int> members, ModbusTable table, int start, int end)
    {
        if (members.Count == 0)
        {
            return;
        }

        plan.Add(new ModbusPlannedRead(new ModbusReadRequest(table, (ushort)start, (ushort)(end - start)), [.. members]));
        members.Clear();
    }

    private static void Check(IReadOnlyList<ModbusPoint> points, ModbusPlannerOptions options)
    {
        List<string>? problems = null;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            foreach (var problem in p.Problems())
            {
                (problems ??= []).Add($"point {i}: {problem}");
            }

            if (!p.IsBit && p.DataType == ModbusDataType.String && p.StringLength > options.MaxRegistersPerRequest)
            {
                (problems ??= []).Add($"point {i}: string of {p.StringLength} registers exceeds MaxRegistersPerRequest {options.MaxRegistersPerRequest}");
            }
        }

        if (problems is not null)
        {
            throw new ArgumentException("Invalid Modbus points: " + string.Join("; ", problems), nameof(points));
        }
    }
}
