using System.Collections.Frozen;
using DataBridge.Connectors.OpcUa.Encoding.Types;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>
/// Maps binary encoding NodeIds to factories of <see cref="IEncodeable"/> types, so that extension object bodies and
/// service messages decode to typed objects. Immutable once built; safe to share between threads.
/// </summary>
public sealed class EncodeableTypeRegistry
{
    private readonly FrozenDictionary<NodeId, Func<IEncodeable>> _factories;

    private EncodeableTypeRegistry(FrozenDictionary<NodeId, Func<IEncodeable>> factories) => _factories = factories;

    /// <summary>An empty registry: every extension object keeps its encoded body.</summary>
    public static EncodeableTypeRegistry Empty { get; } = new(FrozenDictionary<NodeId, Func<IEncodeable>>.Empty);

    /// <summary>Number of registered types.</summary>
    public int Count => _factories.Count;

    /// <summary>Builds a registry from (binary encoding id, factory) pairs; a later pair replaces an earlier one with the same id.</summary>
    public static EncodeableTypeRegistry Create(IEnumerable<KeyValuePair<NodeId, Func<IEncodeable>>> factories)
    {
        ArgumentNullException.ThrowIfNull(factories);
        var map = new Dictionary<NodeId, Func<IEncodeable>>();
        foreach (var pair in factories)
        {
            map[pair.Key] = pair.Value;
        }

        return new EncodeableTypeRegistry(map.ToFrozenDictionary());
    }

    /// <summary>Creates an empty instance of the type registered for <paramref name="binaryEncodingId"/>.</summary>
    public bool TryCreate(NodeId binaryEncodingId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEncodeable? instance)
    {
        if (_factories.TryGetValue(binaryEncodingId, out var factory))
        {
            instance = factory();
            return true;
        }

        instance = null;
        return false;
    }

    /// <summary>Whether a type is registered for <paramref name="binaryEncodingId"/>.</summary>
    public bool Contains(NodeId binaryEncodingId) => _factories.ContainsKey(binaryEncodingId);
}
