#!/usr/bin/perl
# Net::SMPP as an ESME (client) against a Gong SMPP server, in async mode (sync mode drops PDUs that
# arrive while it waits). Usage: esme-client.pl HOST PORT SYSTEM_ID PASSWORD EXPECT_DELIVERS
# Prints one JSON object per line: bind_resp, submit_resp, deliver, enquire_link_resp, unbind_resp.
use strict;
use warnings;
use Net::SMPP;
use JSON::PP;
use Encode qw(encode);

$| = 1;
my ($host, $port, $system_id, $password, $expect) = @ARGV;
my $json = JSON::PP->new->canonical;
sub out { print $json->encode($_[0]), "\n"; }

my $s = Net::SMPP->new_transceiver($host, port => $port, system_id => $system_id, password => $password,
                                   async => 1, timeout => 10)
  or die "cannot connect to $host:$port: $!";
my $delivers = 0;

# Reads PDUs until one with command $cmd and sequence $seq arrives; answers whatever the peer asks meanwhile.
sub wait_for {
  my ($cmd, $seq) = @_;
  while (1) {
    my $pdu = $s->read_pdu() or die "connection lost waiting for $cmd";
    return $pdu if $pdu->{cmd} == $cmd && (!defined $seq || $pdu->{seq} == $seq);
    handle($pdu);
  }
}

sub handle {
  my ($pdu) = @_;
  if ($pdu->{cmd} == 0x05) {
    $delivers++;
    out({ event => 'deliver', data_coding => $pdu->{data_coding}, esm_class => $pdu->{esm_class},
          source_addr => $pdu->{source_addr}, hex => unpack('H*', $pdu->{short_message}) });
    $s->deliver_sm_resp(seq => $pdu->{seq}, message_id => '');
  } elsif ($pdu->{cmd} == 0x15) {
    $s->enquire_link_resp(seq => $pdu->{seq});
  } elsif ($pdu->{cmd} == 0x80000000) {
    out({ event => 'generic_nack', status => $pdu->{status}, seq => $pdu->{seq} });
  } else {
    out({ event => 'other', cmd => $pdu->{cmd} });
  }
}

my $bind = wait_for(0x80000009);
out({ event => 'bind_resp', status => $bind->{status}, system_id => $bind->{system_id} });
exit 0 if $bind->{status} != 0;

my @submits = (
  { data_coding => 0, short_message => 'Hello from Net::SMPP' },
  { data_coding => 3, short_message => encode('latin1', "Gr\x{fc}\x{df}e \x{ff}") },
  { data_coding => 8, short_message => encode('UTF-16BE', "\x{41f}\x{440}\x{438}\x{432}\x{435}\x{442} \x{1F600}") },
  # long message as two UDH parts (IEI 00, ref 7)
  { data_coding => 0, esm_class => 0x40, short_message => pack('C6', 5, 0, 3, 7, 2, 1) . ('a' x 153) },
  { data_coding => 0, esm_class => 0x40, short_message => pack('C6', 5, 0, 3, 7, 2, 2) . ('b' x 20) },
  # long message as SAR parts (numeric TLVs packed by hand)
  { data_coding => 0, short_message => ('c' x 153), sar_msg_ref_num => pack('n', 300), sar_total_segments => pack('C', 2), sar_segment_seqnum => pack('C', 1) },
  { data_coding => 0, short_message => 'dd', sar_msg_ref_num => pack('n', 300), sar_total_segments => pack('C', 2), sar_segment_seqnum => pack('C', 2) },
  # whole long text in message_payload
  { data_coding => 0, short_message => '', message_payload => ('e' x 400) },
);
for my $m (@submits) {
  my $seq = $s->submit_sm(source_addr => 'PERL', destination_addr => '40721000001', %$m);
  my $resp = wait_for(0x80000004, $seq);
  out({ event => 'submit_resp', status => $resp->{status}, message_id => $resp->{message_id} });
}

my $el = $s->enquire_link();
wait_for(0x80000015, $el);
out({ event => 'enquire_link_resp' });

while ($delivers < $expect) {
  my $pdu = $s->read_pdu() or die "connection lost waiting for deliver_sm";
  handle($pdu);
}

my $ub = $s->unbind();
wait_for(0x80000006, $ub);
out({ event => 'unbind_resp' });
