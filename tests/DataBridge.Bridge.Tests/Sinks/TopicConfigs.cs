using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace DataBridge.Bridge.Tests.Sinks;

internal static class TopicConfigs
{
    public static async Task<IReadOnlyList<string>> CleanupPoliciesAsync(string bootstrap, IReadOnlyList<string> topics)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var results = await admin.DescribeConfigsAsync(topics.Select(t => new ConfigResource { Type = ResourceType.Topic, Name = t }));
        return topics.Select(t => results.Single(r => r.ConfigResource.Name == t).Entries["cleanup.policy"].Value).ToList();
    }
}
