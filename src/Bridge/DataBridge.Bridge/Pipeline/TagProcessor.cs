using DataBridge.Core;

namespace DataBridge.Bridge.Pipeline;

/// <summary>
/// The per-tag stage of the pipeline: linear scaling, then deadband, report-by-exception and heartbeat.
/// One instance per tag, owned by its source's pipeline (not thread-safe, no allocation per value).
/// </summary>
/// <remarks>
/// A quality change always passes whatever the deadband (architecture §2): a consumer must see the moment a value
/// turns Bad or comes back. The deadband compares with the last <em>reported</em> value, not the last sample, so a
/// slow drift is reported once it has moved by more than the deadband in total.
/// </remarks>
internal sealed class TagProcessor
{
    private readonly double _factor;
    private readonly double _offset;
    private readonly bool _identity;
    private readonly double _deadband;
    private readonly TimeSpan? _heartbeat;

    private bool _hasReported;
    private TagValue _lastValue;
    private StatusCode _lastStatus;
    private DateTime _lastSourceTimestamp;
    private DateTime _lastServerTimestamp;
    private DateTime _lastReportAt;

    public TagProcessor(double factor, double offset, double deadband, TimeSpan? heartbeat)
    {
        if (double.IsNaN(factor) || factor == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "A scale factor must be a non-zero number.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(deadband);
        _factor = factor;
        _offset = offset;
        _identity = factor == 1 && offset == 0;
        _deadband = deadband;
        _heartbeat = heartbeat is { } h && h > TimeSpan.Zero ? h : null;
    }

    /// <summary>The last reported value (after scaling), for the console and health.</summary>
    public TagValue LastValue => _lastValue;

    /// <summary>The last reported quality.</summary>
    public StatusCode LastStatus => _lastStatus;

    /// <summary>True once at least one record has been reported.</summary>
    public bool HasReported => _hasReported;

    /// <summary>Scales <paramref name="sample"/> and decides whether it becomes a record.</summary>
    /// <param name="sample">The raw sample from the connector.</param>
    /// <param name="now">The bridge's clock, for the heartbeat.</param>
    /// <param name="reported">The scaled sample, when the method returns true.</param>
    public bool TryProcess(in Sample sample, DateTime now, out Sample reported)
    {
        var value = Scale(sample.Value);
        reported = sample with { Value = value };

        if (!_hasReported || sample.Status != _lastStatus || IsHeartbeatDue(now) || Exceeds(value))
        {
            _hasReported = true;
            _lastValue = value;
            _lastStatus = sample.Status;
            _lastSourceTimestamp = sample.SourceTimestamp;
            _lastServerTimestamp = sample.ServerTimestamp;
            _lastReportAt = now;
            return true;
        }

        return false;
    }

    /// <summary>
    /// For sources that only report changes (OPC UA subscriptions): when the heartbeat is due, the last reported
    /// value again, with its original timestamps (the value has not changed since then).
    /// </summary>
    public bool TryHeartbeat(DateTime now, out Sample reported)
    {
        if (!IsHeartbeatDue(now))
        {
            reported = default;
            return false;
        }

        _lastReportAt = now;
        reported = new Sample(_lastValue, _lastStatus, _lastSourceTimestamp, _lastServerTimestamp);
        return true;
    }

    /// <summary>Forgets what was reported, so the next sample is reported whatever its value (after a gap, consumers need the present state).</summary>
    public void Reset() => _hasReported = false;

    /// <summary>True when the heartbeat interval has passed since the last report.</summary>
    public bool IsHeartbeatDue(DateTime now) => _heartbeat is { } h && _hasReported && now - _lastReportAt >= h;

    private TagValue Scale(TagValue raw)
    {
        if (_identity || !raw.IsNumeric)
        {
            return raw;
        }

        return TagValue.FromDouble((raw.AsDouble() * _factor) + _offset);
    }

    private bool Exceeds(TagValue value)
    {
        if (value.Kind != _lastValue.Kind)
        {
            return true;
        }

        if (value.IsNumeric)
        {
            var current = value.AsDouble();
            var last = _lastValue.AsDouble();
            if (double.IsNaN(current) || double.IsNaN(last))
            {
                // NaN never equals itself; report only the transition into or out of NaN.
                return double.IsNaN(current) != double.IsNaN(last);
            }

            if (_deadband == 0)
            {
                return value != _lastValue;
            }

            // Part 8 §6.2 semantics for absolute deadband: report when |last - current| > deadband.
            return Math.Abs(current - last) > _deadband;
        }

        return value != _lastValue;
    }
}
