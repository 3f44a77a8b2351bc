using DataBridge.Bridge.Configuration;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sources;

/// <summary>
/// Tells the operator when a Modbus tag turns Bad because the device answered with an exception response (Modbus
/// Application Protocol v1.1b3 §7), and when it recovers: one Warning per change with the tag, where it is configured,
/// its address and what to check — not one line per poll. Timeouts and lost connections concern the whole device and
/// are logged by the connection, not per tag.
/// </summary>
internal sealed partial class ModbusExceptionReporter
{
    private readonly ModbusSourceDefinition _source;
    private readonly ILogger _logger;
    private readonly uint[] _reported;

    public ModbusExceptionReporter(ModbusSourceDefinition source, ILogger logger)
    {
        _source = source;
        _logger = logger;
        _reported = new uint[source.Tags.Count];
    }

    /// <summary>Looks at the samples of one poll cycle (no allocation unless a tag's state changes).</summary>
    /// <param name="samples">The cycle's samples.</param>
    /// <param name="slots">For each sample, its tag's index in the source.</param>
    public void Observe(IReadOnlyList<Sample> samples, int[] slots)
    {
        for (var i = 0; i < samples.Count && i < slots.Length; i++)
        {
            var status = samples[i].Status.Code;
            var slot = slots[i];
            var last = _reported[slot];
            if (Hint(status) is { } hint)
            {
                if (status != last)
                {
                    _reported[slot] = status;
                    var tag = (ModbusTagDefinition)_source.Tags[slot];
                    LogTurnedBad(_logger, _source.Id, tag.Name, tag.Location.ToString(), tag.AddressText, _source.Host, _source.Port, _source.UnitId, new StatusCode(status).Name, hint);
                }
            }
            else if (last != 0 && !samples[i].Status.IsBad)
            {
                _reported[slot] = 0;
                var tag = (ModbusTagDefinition)_source.Tags[slot];
                LogRecovered(_logger, _source.Id, tag.Name, tag.AddressText, new StatusCode(status).Name);
            }
        }
    }

    /// <summary>What to check for the status an exception response maps to (ModbusStatusMapping); null for other statuses.</summary>
    private static string? Hint(uint status) => status switch
    {
        StatusCodes.BadNodeIdUnknown => "the device answered 'illegal data address' (exception 2): check that the address exists in the device's register map (addresses here are zero-based: holding:0 is register 40001) and that the tag's type and length do not reach past its end",
        StatusCodes.BadNotSupported => "the device answered 'illegal function' (exception 1): it does not serve this table; check the table (holding, input, coil, discrete) in the device's manual",
        StatusCodes.BadOutOfRange => "the device answered 'illegal data value' (exception 3): it refused the request's length; check the tag's type and length, or lower maxRegistersPerRequest / maxGap so fewer registers are read at once",
        StatusCodes.BadDeviceFailure => "the device reported a failure (exception 4 or 8); check the device itself",
        StatusCodes.BadResourceUnavailable => "the device is busy (exception 5 or 6); check its load or poll less often",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId}: tag '{Tag}' ({Location}) at {Address} on {Host}:{Port} unit {Unit} is {Status}: {Hint}. Logged once; the tag's records carry the status until it recovers.")]
    private static partial void LogTurnedBad(ILogger logger, string sourceId, string tag, string location, string address, string host, int port, byte unit, string status, string hint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId}: tag '{Tag}' at {Address} reads again ({Status}).")]
    private static partial void LogRecovered(ILogger logger, string sourceId, string tag, string address, string status);
}
