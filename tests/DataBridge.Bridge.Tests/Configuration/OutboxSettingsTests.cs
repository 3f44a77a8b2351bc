using DataBridge.Bridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

public class OutboxSettingsTests
{
    [Fact]
    public void Without_an_outbox_section_the_outbox_is_on_with_a_one_gib_budget_and_drop_oldest()
    {
        var config = Yaml.Load(Yaml.Valid);
        Assert.True(config.Outbox.Enabled);
        Assert.Null(config.Outbox.Directory);
        Assert.Equal(1L << 30, config.Outbox.MaxDiskBytes);
        Assert.Equal(OutboxOverflow.DropOldest, config.Outbox.Overflow);
    }

    [Fact]
    public void The_outbox_section_sets_budget_segment_size_policy_and_commit_interval()
    {
        var config = Yaml.Load(Yaml.Valid + "\noutbox:\n  maxDiskSize: 2GiB\n  segmentSize: 16MiB\n  overflow: drop-newest\n  commitInterval: 50ms\n  dir: ./spool\n");
        Assert.Equal(2L << 30, config.Outbox.MaxDiskBytes);
        Assert.Equal(16L << 20, config.Outbox.SegmentBytes);
        Assert.Equal(OutboxOverflow.DropNewest, config.Outbox.Overflow);
        Assert.Equal(TimeSpan.FromMilliseconds(50), config.Outbox.CommitInterval);
        Assert.EndsWith(Path.DirectorySeparatorChar + "spool", config.Outbox.Directory, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_size_and_a_bad_policy_are_reported_with_their_positions()
    {
        var errors = Yaml.Errors(Yaml.Valid + "\noutbox:\n  maxDiskSize: lots\n  overflow: drop-middle\n");
        var lines = Yaml.Valid.Split('\n').Length;
        Assert.Contains($"plant.yaml:{lines + 2}:16: bad maxDiskSize 'lots' in outbox; write a size such as 512MiB, 2GiB or 1GB", errors);
        Assert.Contains(errors, e => e.StartsWith($"plant.yaml:{lines + 3}:13: bad overflow 'drop-middle' in outbox", StringComparison.Ordinal) && e.Contains("drop-oldest", StringComparison.Ordinal));
    }

    [Fact]
    public void A_budget_smaller_than_two_segments_is_refused()
    {
        var errors = Yaml.Errors(Yaml.Valid + "\noutbox:\n  maxDiskSize: 64MiB\n  segmentSize: 64MiB\n");
        Assert.Contains(errors, e => e.Contains("outbox maxDiskSize must hold at least two segments (128MiB)", StringComparison.Ordinal));
    }
}
