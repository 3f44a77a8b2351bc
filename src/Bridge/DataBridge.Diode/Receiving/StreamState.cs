using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Fec;
using DataBridge.Diode.Packing;

namespace DataBridge.Diode.Receiving;

/// <summary>One sender stream's reordering state: the next block to deliver, the blocks gathered ahead of it, its unpacker.</summary>
internal sealed class StreamState : IDisposable
{
    public StreamState(uint id, int maxRecordLength)
    {
        Id = id;
        Unpacker = new RecordUnpacker(maxRecordLength);
    }

    public uint Id { get; }

    public bool Initialized { get; set; }

    /// <summary>The block to deliver next; every lower block has been delivered or given up.</summary>
    public ulong NextBlock { get; set; }

    /// <summary>Highest block id any symbol was seen for (valid when <see cref="SeenBlocks"/>).</summary>
    public ulong HighestBlock { get; set; }

    public bool SeenBlocks { get; set; }

    /// <summary>When the stream was first seen to have moved past an incomplete head block (timestamp), or -1.</summary>
    public long HeadWaitingSince { get; set; } = -1;

    /// <summary>The latest heartbeat not yet applied (its blocks not all resolved).</summary>
    public HeartbeatPayload? Heartbeat { get; set; }

    public SortedDictionary<ulong, PendingBlock> Pending { get; } = [];

    public SequenceWindow Window { get; } = new();

    public RecordUnpacker Unpacker { get; }

    /// <summary>
    /// How far the stream has shown it moved on: the highest block a symbol was seen for, or a heartbeat's next block id
    /// (every block below it was sent). Greater than <see cref="NextBlock"/> means the head block's sender is done with
    /// it; a symbol of the head block itself is no such evidence (its parity may still be on the way).
    /// </summary>
    public ulong Horizon
    {
        get
        {
            var horizon = NextBlock;
            if (SeenBlocks && HighestBlock > horizon)
            {
                horizon = HighestBlock;
            }

            if (Heartbeat is not null && Heartbeat.NextBlockId > horizon)
            {
                horizon = Heartbeat.NextBlockId;
            }

            return horizon;
        }
    }

    public void Dispose()
    {
        foreach (var block in Pending.Values)
        {
            block.Decoder.Dispose();
        }

        Pending.Clear();
        Unpacker.Dispose();
    }
}

/// <summary>A block being gathered, or decoded and waiting for an earlier block.</summary>
internal sealed class PendingBlock(FecBlockDecoder decoder)
{
    public FecBlockDecoder Decoder { get; } = decoder;

    public bool Decoded { get; set; }
}
