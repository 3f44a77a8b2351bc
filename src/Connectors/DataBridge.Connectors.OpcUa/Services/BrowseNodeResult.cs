using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Services;

/// <summary>All references of one browsed node, every continuation point followed (Part 4 §5.9.2–5.9.3).</summary>
/// <param name="Status">Good, or the Bad code the server gave for this node (e.g. BadNodeIdUnknown).</param>
/// <param name="References">The references, in server order.</param>
public sealed record BrowseNodeResult(StatusCode Status, IReadOnlyList<ReferenceDescription> References);
