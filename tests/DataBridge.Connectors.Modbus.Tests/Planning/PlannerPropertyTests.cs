using CsCheck;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Connectors.Modbus.Planning;

namespace DataBridge.Connectors.Modbus.Tests.Planning;

public sealed class PlannerPropertyTests
{
    private static readonly ModbusDataType[] RegisterTypes =
        [ModbusDataType.Bool, ModbusDataType.UInt16, ModbusDataType.Int32, ModbusDataType.Float32, ModbusDataType.Float64, ModbusDataType.UInt64, ModbusDataType.String];

    private static Gen<ModbusPoint> Points(int maxAddress, int maxString) =>
        from table in Gen.Enum<ModbusTable>()
        from address in Gen.UShort[0, (ushort)maxAddress]
        from type in Gen.Int[0, RegisterTypes.Length - 1].Select(i => RegisterTypes[i])
        from length in Gen.Int[1, maxString]
        select table is ModbusTable.Coil or ModbusTable.DiscreteInput
            ? new ModbusPoint { Table = table, Address = address, DataType = ModbusDataType.Bool }
            : new ModbusPoint { Table = table, Address = address, DataType = type, StringLength = type == ModbusDataType.String ? length : 0 };

    private static Gen<ModbusPlannerOptions> Options(int maxRegisters, int maxBits) =>
        from registers in Gen.Int[4, maxRegisters]
        from bits in Gen.Int[1, maxBits]
        from registerGap in Gen.Int[0, 3]
        from bitGap in Gen.Int[0, 3]
        select new ModbusPlannerOptions { MaxRegistersPerRequest = registers, MaxBitsPerRequest = bits, MaxRegisterGap = registerGap, MaxBitGap = bitGap };

    private static Gen<(List<ModbusPoint> Points, ModbusPlannerOptions Options)> Cases(Gen<ModbusPlannerOptions> options, int maxAddress, int maxString, int maxCount) =>
        from o in options
        from points in Points(maxAddress, Math.Min(maxString, o.MaxRegistersPerRequest)).List[1, maxCount]
        select (points, o);

    /// <summary>The documented rule, written independently of the planner: may these points share one request?</summary>
    private static bool Feasible(IReadOnlyList<ModbusPoint> group, ModbusPlannerOptions options)
    {
        var table = group[0].Table;
        if (group.Any(p => p.Table != table))
        {
            return false;
        }

        var limit = group[0].IsBit ? options.MaxBitsPerRequest : options.MaxRegistersPerRequest;
        var gap = group[0].IsBit ? options.MaxBitGap : options.MaxRegisterGap;
        var sorted = group.OrderBy(p => p.Address).ToList();
        int start = sorted[0].Address;
        var end = start;
        foreach (var p in sorted)
        {
            if (p.Address - end > gap)
            {
                return false;
            }

            end = Math.Max(end, p.Address + p.Width);
        }

        return end - start <= limit;
    }

    /// <summary>Fewest requests over every partition of the points into feasible groups (exhaustive; small sets only).</summary>
    private static int BruteForceMinimum(IReadOnlyList<ModbusPoint> points, ModbusPlannerOptions options)
    {
        var best = int.MaxValue;
        var assignment = new int[points.Count];

        void Assign(int i, int groups)
        {
            if (groups >= best)
            {
                return;
            }

            if (i == points.Count)
            {
                for (var g = 0; g < groups; g++)
                {
                    var members = new List<ModbusPoint>();
                    for (var k = 0; k < points.Count; k++)
                    {
                        if (assignment[k] == g)
                        {
                            members.Add(points[k]);
                        }
                    }

                    if (!Feasible(members, options))
                    {
                        return;
                    }
                }

                best = groups;
                return;
            }

            for (var g = 0; g <= groups; g++)
            {
                assignment[i] = g;
                Assign(i + 1, Math.Max(groups, g + 1));
            }
        }

        Assign(0, 0);
        return best;
    }

    private static void AssertValidPlan(IReadOnlyList<ModbusPoint> points, ModbusPlannerOptions options, IReadOnlyList<ModbusPlannedRead> plan)
    {
        var covered = new int[points.Count];
        foreach (var read in plan)
        {
            var r = read.Request;
            var limit = r.IsBitTable ? options.MaxBitsPerRequest : options.MaxRegistersPerRequest;
            Assert.InRange(r.Quantity, 1, limit);
            Assert.NotEmpty(read.PointIndexes);
            var members = new List<ModbusPoint>();
            foreach (var i in read.PointIndexes)
            {
                var p = points[i];
                covered[i]++;
                members.Add(p);
                Assert.Equal(p.Table, r.Table);
                // Whole value inside the request: never split.
                Assert.True(p.Address >= r.StartAddress && p.Address + p.Width <= r.StartAddress + r.Quantity, $"{p} not inside {r}");
            }

            Assert.True(Feasible(members, options), $"request {r} breaks the rule");
            // The request reads exactly the span of its points, nothing beyond.
            Assert.Equal(members.Min(p => p.Address), r.StartAddress);
            Assert.Equal(members.Max(p => p.Address + p.Width), r.StartAddress + r.Quantity);
        }

        Assert.All(covered, c => Assert.Equal(1, c));
    }

    [Fact]
    public void Every_point_is_covered_by_exactly_one_request_within_the_limits()
    {
        Cases(Options(125, 2000), 3000, 20, 200).Sample((points, options) =>
        {
            AssertValidPlan(points, options, ModbusRequestPlanner.Plan(points, options));
        }, iter: 500);
    }

    [Fact]
    public void Plan_count_is_minimal_against_an_exhaustive_search_of_small_sets()
    {
        Cases(Options(8, 8), 24, 5, 7).Sample((points, options) =>
        {
            var plan = ModbusRequestPlanner.Plan(points, options);
            AssertValidPlan(points, options, plan);
            Assert.Equal(BruteForceMinimum(points, options), plan.Count);
        }, iter: 3000);
    }

    [Fact]
    public void Plan_count_is_minimal_against_an_exhaustive_search_when_all_points_share_one_table()
    {
        // One table and a narrow address range, so overlapping, contained and gap-bridging values interact often.
        Cases(Options(8, 8), 14, 6, 7)
            .Select(c => (c.Points.Select(p => p.IsBit ? p with { Table = ModbusTable.HoldingRegister, DataType = ModbusDataType.UInt16 } : p with { Table = ModbusTable.HoldingRegister }).ToList(), c.Options))
            .Sample((points, options) =>
            {
                var plan = ModbusRequestPlanner.Plan(points, options);
                AssertValidPlan(points, options, plan);
                Assert.Equal(BruteForceMinimum(points, options), plan.Count);
            }, iter: 3000);
    }

    [Fact]
    public void Planner_merges_adjacent_registers_into_one_request()
    {
        ModbusPoint[] points =
        [
            new() { Table = ModbusTable.HoldingRegister, Address = 100, DataType = ModbusDataType.UInt16 },
            new() { Table = ModbusTable.HoldingRegister, Address = 101, DataType = ModbusDataType.Float32 },
            new() { Table = ModbusTable.HoldingRegister, Address = 103, DataType = ModbusDataType.UInt32 },
            new() { Table = ModbusTable.HoldingRegister, Address = 101, DataType = ModbusDataType.Bool, BitIndex = 3 },
        ];

        var plan = ModbusRequestPlanner.Plan(points);
        var read = Assert.Single(plan);
        Assert.Equal(new ModbusReadRequest(ModbusTable.HoldingRegister, 100, 5), read.Request);
    }

    [Fact]
    public void A_multi_register_value_is_never_split_at_the_request_limit()
    {
        // 124 single registers then a float32 at 124-125: the float would end at 126 > 125, so it opens a new request.
        var points = Enumerable.Range(0, 124).Select(a => new ModbusPoint { Table = ModbusTable.InputRegister, Address = (ushort)a })
            .Append(new ModbusPoint { Table = ModbusTable.InputRegister, Address = 124, DataType = ModbusDataType.Float32 })
            .ToList();

        var plan = ModbusRequestPlanner.Plan(points);
        Assert.Equal(2, plan.Count);
        Assert.Equal(new ModbusReadRequest(ModbusTable.InputRegister, 0, 124), plan[0].Request);
        Assert.Equal(new ModbusReadRequest(ModbusTable.InputRegister, 124, 2), plan[1].Request);
    }

    [Fact]
    public void Three_hundred_scattered_registers_become_the_minimal_number_of_requests()
    {
        // 300 registers in 30 clusters of 10 consecutive addresses, clusters 50 apart (addresses 0..1459).
        var points = new List<ModbusPoint>();
        for (var cluster = 0; cluster < 30; cluster++)
        {
            for (var i = 0; i < 10; i++)
            {
                points.Add(new ModbusPoint { Table = ModbusTable.HoldingRegister, Address = (ushort)((cluster * 50) + i) });
            }
        }

        // Shuffle: the planner must not depend on the order points are configured in.
        var shuffled = points.OrderBy(p => (p.Address * 7919) % 1009).ToList();

        // No reading through gaps: one request per cluster.
        Assert.Equal(30, ModbusRequestPlanner.Plan(shuffled).Count);

        // Reading through gaps of up to 40 unused registers: a request spans at most 125 registers, so it takes
        // clusters starting at 0, 50, 100 (end 110) and stops before 150 (end 160 > 125 from 0): 3 clusters per request.
        var plan = ModbusRequestPlanner.Plan(shuffled, new ModbusPlannerOptions { MaxRegisterGap = 40 });
        Assert.Equal(10, plan.Count);
        Assert.All(plan, r => Assert.Equal(110, r.Request.Quantity));

        // Lower bound: 1460 addresses of span, each request covers at most 125 of it and gaps of 40 between clusters
        // must be inside requests, so ceil(30 clusters / 3 per request) = 10 is also the minimum.
        var options = new ModbusPlannerOptions { MaxRegisterGap = 40, MaxRegistersPerRequest = 60 };
        Assert.Equal(15, ModbusRequestPlanner.Plan(shuffled, options).Count);
    }

    [Fact]
    public void Coils_are_coalesced_up_to_two_thousand_bits()
    {
        var points = Enumerable.Range(0, 4500).Select(a => new ModbusPoint { Table = ModbusTable.Coil, Address = (ushort)a, DataType = ModbusDataType.Bool }).ToList();
        var plan = ModbusRequestPlanner.Plan(points);
        Assert.Equal([2000, 2000, 500], plan.Select(r => (int)r.Request.Quantity));
    }

    [Fact]
    public void Invalid_points_are_all_named_at_once()
    {
        ModbusPoint[] points =
        [
            new() { Table = ModbusTable.Coil, Address = 1, DataType = ModbusDataType.Float32 },
            new() { Table = ModbusTable.HoldingRegister, Address = 65534, DataType = ModbusDataType.Float64 },
            new() { Table = ModbusTable.HoldingRegister, Address = 3, DataType = ModbusDataType.String },
        ];

        var ex = Assert.Throws<ArgumentException>(() => ModbusRequestPlanner.Plan(points));
        Assert.Contains("point 0:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("point 1:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("point 2:", ex.Message, StringComparison.Ordinal);
    }
}
