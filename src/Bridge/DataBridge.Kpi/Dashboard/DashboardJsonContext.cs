using System.Text.Json.Serialization;

namespace DataBridge.Kpi.Dashboard;

/// <summary>Source-generated JSON for the dashboard API (camelCase, no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DashboardSnapshot))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
