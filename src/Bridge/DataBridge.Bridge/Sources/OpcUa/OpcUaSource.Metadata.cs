using DataBridge.Bridge.Hosting;
using DataBridge.Connectors.OpcUa.Managed;
using DataBridge.Schemas;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>The metadata records of an OPC UA source, completed with what the server says about each variable.</summary>
internal sealed partial class OpcUaSource
{
    private TagMetadataRecord?[]? _publishedMetadata;

    /// <summary>
    /// After a new subscription was set up: the metadata records completed with each variable's DataType,
    /// EngineeringUnits, EURange and InstrumentRange, published when they differ from what this source published last
    /// (the host's records at start know only the configuration).
    /// </summary>
    private async Task PublishServerMetadataAsync(IReadOnlyList<OpcUaNodeResolution> resolutions, IReadOnlyList<OpcUaNodeDescription> described, CancellationToken cancellationToken)
    {
        var tags = _definition.Tags;
        _publishedMetadata ??= new TagMetadataRecord?[tags.Count];
        var now = _time.GetUtcNow().UtcDateTime;
        var changed = new List<TagMetadataRecord>();
        var slots = new List<int>();
        for (var slot = 0; slot < tags.Count && slot < resolutions.Count; slot++)
        {
            if (!resolutions[slot].IsResolved)
            {
                continue;
            }

            var record = MetadataBuilder.WithServerDescription(MetadataBuilder.ForTag(_definition, tags[slot], now), tags[slot], described[slot]);
            if (_publishedMetadata[slot] is { } last && last == record with { UpdatedAt = last.UpdatedAt })
            {
                continue;
            }

            changed.Add(record);
            slots.Add(slot);
        }

        if (changed.Count == 0)
        {
            return;
        }

        await Pipeline.PublishMetadataAsync(changed, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < slots.Count; i++)
        {
            _publishedMetadata[slots[i]] = changed[i];
        }
    }
}
