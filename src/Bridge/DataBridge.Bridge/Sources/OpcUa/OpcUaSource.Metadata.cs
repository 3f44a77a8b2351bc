using DataBridge.Bridge.Hosting;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Schemas;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>The metadata records of an OPC UA source, completed with what the server says about each variable.</summary>
internal sealed partial class OpcUaSource
{
    private TagMetadataRecord?[]? _publishedMetadata;

    /// <summary>
    /// After the tags are resolved: reads each variable's DataType, EngineeringUnits, EURange and InstrumentRange and
    /// publishes the metadata records that differ from what this source published last (the host's records at start
    /// know only the configuration). A failure here costs the metadata, never the values: it is logged and the next
    /// session tries again.
    /// </summary>
    private async Task PublishServerMetadataAsync(OpcUaClient client, CancellationToken cancellationToken)
    {
        OpcUaTagDescription[] described;
        try
        {
            described = await OpcUaTagDescriber.DescribeAsync(client, _resolutions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning("Source {SourceId}: could not read data types and engineering units from {Endpoint} ({Error}); the metadata records keep what the configuration says until the next connection.", _definition.Id, _definition.Endpoint, ex.Message);
            return;
        }

        var tags = _definition.Tags;
        _publishedMetadata ??= new TagMetadataRecord?[tags.Count];
        var now = _time.GetUtcNow().UtcDateTime;
        var changed = new List<TagMetadataRecord>();
        var slots = new List<int>();
        for (var slot = 0; slot < tags.Count && slot < _resolutions.Count; slot++)
        {
            if (!_resolutions[slot].IsResolved)
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
