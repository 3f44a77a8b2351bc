using System.Buffers;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Connectors.Modbus.Planning;
using DataBridge.Connectors.Modbus.Transport;
using DataBridge.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Connectors.Modbus.Client;

/// <summary>
/// Polls one Modbus TCP device: each <see cref="ModbusPollGroup"/> runs on its own interval (a
/// <see cref="TimeProvider"/> timer), its points planned into few reads, and every cycle is handed to an awaited
/// callback. A group's next cycle starts only after the callback for its previous one completed, so the caller
/// acknowledges upstream only when its sink accepted. Timeouts, exception responses, lost connections and undecodable
/// values become Bad quality on the affected points; polling never stops for them and resumes by itself when the
/// device comes back. Only an exception thrown by the callback ends <see cref="RunAsync"/>.
/// </summary>
public sealed partial class ModbusDevicePoller
{
    private readonly ModbusDeviceOptions _options;
    private readonly GroupPlan[] _groups;
    private readonly Func<ModbusPollCycle, CancellationToken, ValueTask> _onCycle;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>
    /// Creates the poller and plans every group; throws <see cref="ArgumentException"/> naming every invalid setting
    /// or point.
    /// </summary>
    public ModbusDevicePoller(
        ModbusDeviceOptions options,
        IReadOnlyList<ModbusPollGroup> groups,
        Func<ModbusPollCycle, CancellationToken, ValueTask> onCycle,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(onCycle);
        options.Connection.Validate();
        _options = options;
        _onCycle = onCycle;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _groups = new GroupPlan[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            if (g.Interval <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Poll group '{g.Name}' needs a positive interval, not {g.Interval}.", nameof(groups));
            }

            IReadOnlyList<ModbusPlannedRead> reads;
            try
            {
                reads = ModbusRequestPlanner.Plan(g.Points, options.Planner);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Poll group '{g.Name}': {ex.Message}", nameof(groups), ex);
            }

            _groups[i] = new GroupPlan(g, reads);
        }
    }

    /// <summary>The reads planned for each group, by group name (for diagnostics and tests).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ModbusPlannedRead>> Plans
    {
        get
        {
            var plans = new Dictionary<string, IReadOnlyList<ModbusPlannedRead>>(StringComparer.Ordinal);
            foreach (var g in _groups)
            {
                plans[g.Group.Name] = g.Reads;
            }

            return plans;
        }
    }

    /// <summary>
    /// Connects and polls until <paramref name="cancellationToken"/> is cancelled (then returns normally). Each group's
    /// first cycle starts at once.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var channel = new ModbusTcpChannel(_options.Connection, _time, _logger);
        await using (channel.ConfigureAwait(false))
        {
            channel.Start();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var loops = new Task[_groups.Length];
            for (var i = 0; i < _groups.Length; i++)
            {
                loops[i] = RunGroupAsync(channel, _groups[i], stop);
            }

            try
            {
                await Task.WhenAll(loops).ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Inspected below: cancellation by the caller is a normal end, a callback's exception is not.
            }

            foreach (var loop in loops)
            {
                if (loop.IsFaulted && loop.Exception!.InnerException is { } error and not OperationCanceledException)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                }
            }
        }
    }

    private async Task RunGroupAsync(ModbusTcpChannel channel, GroupPlan plan, CancellationTokenSource stop)
    {
        try
        {
            await RunGroupAsync(channel, plan, stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A callback failed: end the other groups too so RunAsync reports it instead of polling on half-blind.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task RunGroupAsync(ModbusTcpChannel channel, GroupPlan plan, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var interval = plan.Group.Interval;
        var next = _time.GetUtcNow();
        for (long cycle = 1; ; cycle++)
        {
            var delay = next - _time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }

            var started = _time.GetUtcNow();
            var samples = await PollAsync(channel, plan, started.UtcDateTime, cancellationToken).ConfigureAwait(false);
            await _onCycle(new ModbusPollCycle(plan.Group.Name, cycle, started.UtcDateTime, samples), cancellationToken).ConfigureAwait(false);

            // Fixed rate while the device keeps up; after an overrun the schedule restarts from now (no burst of catch-up polls).
            next += interval;
            var now = _time.GetUtcNow();
            if (next < now)
            {
                next = now;
            }
        }
    }

    private async Task<Sample[]> PollAsync(ModbusTcpChannel channel, GroupPlan plan, DateTime timestamp, CancellationToken cancellationToken)
    {
        var samples = new Sample[plan.Group.Points.Count];
        var reads = new Task[plan.Reads.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = ReadIntoAsync(channel, plan.Group.Points, plan.Reads[i], samples, timestamp, cancellationToken);
        }

        await Task.WhenAll(reads).ConfigureAwait(false);
        return samples;
    }

    private async Task ReadIntoAsync(
        ModbusTcpChannel channel, IReadOnlyList<ModbusPoint> points, ModbusPlannedRead read, Sample[] samples, DateTime timestamp, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(read.Request.ExpectedByteCount);
        try
        {
            ModbusReadResult result;
            try
            {
                result = await channel.ReadAsync(read.Request, buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (ModbusException ex)
            {
                LogReadFailed(_logger, channel.Endpoint, read.Request.Table, read.Request.StartAddress, read.Request.Quantity, ex.Message);
                Fill(samples, read, ModbusStatusMapping.FromError(ex), timestamp);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A fault the transport did not foresee must still not stop polling: it becomes quality too.
                LogUnexpectedFailure(_logger, ex, channel.Endpoint, read.Request.Table, read.Request.StartAddress, read.Request.Quantity);
                Fill(samples, read, ModbusStatusMapping.FromError(ex), timestamp);
                return;
            }

            if (result.IsException)
            {
                LogExceptionResponse(_logger, channel.Endpoint, read.Request.Table, read.Request.StartAddress, read.Request.Quantity, result.ExceptionCode);
                Fill(samples, read, ModbusStatusMapping.FromExceptionCode(result.ExceptionCode), timestamp);
                return;
            }

            Decode(buffer.AsSpan(0, result.ByteCount), points, read, samples, timestamp);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Decode(ReadOnlySpan<byte> data, IReadOnlyList<ModbusPoint> points, ModbusPlannedRead read, Sample[] samples, DateTime timestamp)
    {
        var start = read.Request.StartAddress;
        var indexes = read.PointIndexes;

        // Indexed loops over the lists: no enumerator allocation per read on the hot path.
        for (var k = 0; k < indexes.Count; k++)
        {
            var index = indexes[k];
            var p = points[index];
            var offset = p.Address - start;
            if (p.IsBit)
            {
                samples[index] = Sample.Good(ModbusValueDecoder.DecodeBit(data, offset), timestamp);
                continue;
            }

            var bytes = data.Slice(offset * 2, p.Width * 2);
            samples[index] = ModbusValueDecoder.TryDecodeRegisters(bytes, p.DataType, p.ByteOrder, p.BitIndex, out var value, p.StringTrim)
                ? Sample.Good(value, timestamp)
                : Sample.Bad(StatusCodes.BadDecodingError, timestamp);
        }
    }

    private static void Fill(Sample[] samples, ModbusPlannedRead read, uint status, DateTime timestamp)
    {
        var indexes = read.PointIndexes;
        for (var k = 0; k < indexes.Count; k++)
        {
            samples[indexes[k]] = Sample.Bad(status, timestamp);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Modbus read {Table} {Start}+{Quantity} on {Endpoint} failed: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string endpoint, ModbusTable table, ushort start, ushort quantity, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Modbus read {Table} {Start}+{Quantity} on {Endpoint} answered with exception {Code}")]
    private static partial void LogExceptionResponse(ILogger logger, string endpoint, ModbusTable table, ushort start, ushort quantity, ModbusExceptionCode code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modbus read {Table} {Start}+{Quantity} on {Endpoint} failed unexpectedly")]
    private static partial void LogUnexpectedFailure(ILogger logger, Exception error, string endpoint, ModbusTable table, ushort start, ushort quantity);

    private sealed record GroupPlan(ModbusPollGroup Group, IReadOnlyList<ModbusPlannedRead> Reads);
}
