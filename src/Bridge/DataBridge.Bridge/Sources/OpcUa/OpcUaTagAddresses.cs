using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.OpcUa.Managed;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>The configured OPC UA tags in the connector's terms: node addresses and monitored items, by tag slot.</summary>
internal static class OpcUaTagAddresses
{
    /// <summary>One address per tag of <paramref name="source"/>, in slot order.</summary>
    public static List<OpcUaNodeAddress> Of(OpcUaSourceDefinition source)
    {
        var addresses = new List<OpcUaNodeAddress>(source.Tags.Count);
        foreach (var tag in source.Tags)
        {
            addresses.Add(Of((OpcUaTagDefinition)tag));
        }

        return addresses;
    }

    /// <summary>One monitored item per tag of <paramref name="source"/>: its client handle is its slot.</summary>
    public static List<ManagedMonitoredItem> Items(OpcUaSourceDefinition source)
    {
        var items = new List<ManagedMonitoredItem>(source.Tags.Count);
        foreach (var t in source.Tags)
        {
            var tag = (OpcUaTagDefinition)t;
            var deadband = tag.DeadbandType switch
            {
                OpcUaDeadbandType.Absolute => OpcUaDeadband.Absolute,
                OpcUaDeadbandType.Percent => OpcUaDeadband.Percent,
                _ => OpcUaDeadband.None,
            };
            items.Add(new ManagedMonitoredItem
            {
                Address = Of(tag),
                SamplingInterval = tag.SamplingInterval,
                QueueSize = tag.QueueSize,
                DiscardOldest = tag.DiscardOldest,
                Deadband = deadband,

                // The configured absolute deadband is in engineering units (after scaling, as for Modbus); the server
                // compares raw values, so it is asked for the band in raw units. A percent of the EU range needs no conversion.
                DeadbandValue = deadband == OpcUaDeadband.Absolute ? tag.Deadband / Math.Abs(tag.Scaling.Factor) : tag.Deadband,
            });
        }

        return items;
    }

    private static OpcUaNodeAddress Of(OpcUaTagDefinition tag)
    {
        var steps = new OpcUaBrowseStep[tag.BrowsePathElements.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = new OpcUaBrowseStep(tag.BrowsePathElements[i].NamespaceUri, tag.BrowsePathElements[i].Name);
        }

        return new OpcUaNodeAddress { NodeId = tag.NodeId, BrowsePath = steps, BrowsePathText = tag.BrowsePath };
    }
}
