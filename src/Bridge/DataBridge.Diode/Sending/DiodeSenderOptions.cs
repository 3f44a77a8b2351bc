using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Packing;

namespace DataBridge.Diode.Sending;

/// <summary>The diode sender's settings (bridge YAML <c>diode: { target, rateLimit, fec: { data, parity }, keyFile, heartbeat }</c>).</summary>
public sealed record DiodeSenderOptions
{
    /// <summary>k: data datagrams per FEC block. Default 224 (see docs/diode.md for what 224 + 25 survives).</summary>
    public int DataCount { get; init; } = DatagramLimits.DefaultDataCount;

    /// <summary>m: parity datagrams per FEC block. Default 25.</summary>
    public int ParityCount { get; init; } = DatagramLimits.DefaultParityCount;

    /// <summary>Payload bytes per datagram (the path MTU minus 74 bytes of IPv4, UDP, header and tag). Default 1,400.</summary>
    public int PayloadLength { get; init; } = DatagramLimits.DefaultPayloadLength;

    /// <summary>Largest key plus value of one record; the receiver must allow at least as much.</summary>
    public int MaxRecordLength { get; init; } = RecordFrame.DefaultMaxRecordLength;

    /// <summary>The long-run limit on datagram bytes (UDP payload), or null for none. Size it below the diode's and the receiver's capacity.</summary>
    public DiodeRate? RateLimit { get; init; }

    /// <summary>Bytes that may leave back to back; null: 10 ms at the rate, at least one block.</summary>
    public long? BurstBytes { get; init; }

    /// <summary>How often an idle sender says where it is. Default 1 s.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The stream id; null: random per sender start, so the receiver sees a restart.</summary>
    public uint? StreamId { get; init; }

    /// <summary>Checks every setting and names every problem at once.</summary>
    /// <exception cref="DiodeConfigurationException">Something cannot work.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (DataCount is < 1 or > DatagramLimits.MaxDataCount)
        {
            problems.Add($"diode.fec.data is {DataCount}; use 1..{DatagramLimits.MaxDataCount} (default {DatagramLimits.DefaultDataCount}).");
        }

        if (ParityCount is < 0 or > DatagramLimits.MaxParityCount)
        {
            problems.Add($"diode.fec.parity is {ParityCount}; use 0..{DatagramLimits.MaxParityCount} (default {DatagramLimits.DefaultParityCount}).");
        }

        if (DataCount + ParityCount > DatagramLimits.MaxSymbolsPerBlock)
        {
            problems.Add($"diode.fec.data + diode.fec.parity is {DataCount + ParityCount}; a block holds at most {DatagramLimits.MaxSymbolsPerBlock} datagrams.");
        }

        if (PayloadLength is < RecordFrame.MinPayloadLength or > DatagramLimits.MaxPayloadLength)
        {
            problems.Add($"diode.payload is {PayloadLength}; use {RecordFrame.MinPayloadLength}..{DatagramLimits.MaxPayloadLength} (path MTU minus 74).");
        }

        if (MaxRecordLength is < 1 or > RecordFrame.MaxRecordLength)
        {
            problems.Add($"diode.maxRecordLength is {MaxRecordLength}; use 1..{RecordFrame.MaxRecordLength}.");
        }

        if (Heartbeat < TimeSpan.FromMilliseconds(10) || Heartbeat > TimeSpan.FromMinutes(1))
        {
            problems.Add($"diode.heartbeat is {Heartbeat}; use 10ms..1min (default 1s).");
        }

        if (BurstBytes is < DatagramLimits.MaxDatagramLength)
        {
            problems.Add($"diode.burst is {BurstBytes} bytes; it must hold at least one datagram ({DatagramLimits.MaxDatagramLength}).");
        }

        if (problems.Count > 0)
        {
            throw new DiodeConfigurationException("diode", "The diode sender settings cannot work:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems));
        }
    }
}
