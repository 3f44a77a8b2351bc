namespace DataBridge.Diode.Fec;

/// <summary>What a block decoder did with one received symbol.</summary>
public enum FecSymbolStatus
{
    /// <summary>The symbol was new and is kept.</summary>
    Accepted,

    /// <summary>The symbol had already arrived (a duplicated datagram); ignored.</summary>
    Duplicate,
}
