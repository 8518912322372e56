#!/usr/bin/perl
# Net::SMPP as an SMSC (server) for a Gong client. Listens on 127.0.0.1, an ephemeral port.
# Usage: smsc-server.pl EXPECT_SUBMITS. Prints JSON lines: listening, bind, submit, deliver_resp,
# enquire_link, unbind. After EXPECT_SUBMITS submit_sm it sends three MO deliver_sm (GSM, Latin-1, UCS2).
use strict;
use warnings;
use Net::SMPP;
use JSON::PP;
use Encode qw(encode);

$| = 1;
my ($expect) = @ARGV;
my $json = JSON::PP->new->canonical;
sub out { print $json->encode($_[0]), "\n"; }

my $listen = Net::SMPP->new_listen('127.0.0.1', port => 0, async => 1) or die "cannot listen: $!";
out({ event => 'listening', port => $listen->sockport });
my $c = $listen->accept or die "accept failed: $!";
$listen->close;

my $submits = 0;
my $sent_mo = 0;
while (1) {
  my $pdu = $c->read_pdu();
  last if !$pdu;
  my $cmd = $pdu->{cmd};
  if ($cmd == 0x09) {
    out({ event => 'bind', system_id => $pdu->{system_id}, password => $pdu->{password} });
    $c->bind_transceiver_resp(seq => $pdu->{seq}, system_id => 'perlsmsc');
  } elsif ($cmd == 0x04) {
    $submits++;
    my %tlv;
    for my $k (qw(sar_msg_ref_num sar_total_segments sar_segment_seqnum message_payload)) {
      $tlv{$k} = unpack('H*', $pdu->{$k}) if defined $pdu->{$k};
    }
    out({ event => 'submit', data_coding => $pdu->{data_coding}, esm_class => $pdu->{esm_class},
          registered_delivery => $pdu->{registered_delivery}, destination_addr => $pdu->{destination_addr},
          hex => unpack('H*', $pdu->{short_message}), tlv => \%tlv });
    $c->submit_sm_resp(seq => $pdu->{seq}, message_id => "perl-$submits");
    if ($submits == $expect && !$sent_mo) {
      $sent_mo = 1;
      $c->deliver_sm(source_addr => '40721000009', destination_addr => '1234', data_coding => 0, short_message => 'BAL');
      $c->deliver_sm(source_addr => '40721000009', destination_addr => '1234', data_coding => 3,
                     short_message => encode('latin1', "caf\x{e9}"));
      $c->deliver_sm(source_addr => '40721000009', destination_addr => '1234', data_coding => 8,
                     short_message => encode('UTF-16BE', "\x{416} \x{1F600}"));
      $c->enquire_link();
    }
  } elsif ($cmd == 0x80000005) {
    out({ event => 'deliver_resp', status => $pdu->{status} });
  } elsif ($cmd == 0x80000015) {
    out({ event => 'enquire_link_resp' });
  } elsif ($cmd == 0x15) {
    out({ event => 'enquire_link' });
    $c->enquire_link_resp(seq => $pdu->{seq});
  } elsif ($cmd == 0x06) {
    out({ event => 'unbind' });
    $c->unbind_resp(seq => $pdu->{seq});
    last;
  } elsif ($cmd == 0x80000000) {
    out({ event => 'generic_nack', status => $pdu->{status} });
  } else {
    $c->generic_nack(seq => $pdu->{seq}, status => 3);
  }
}
$c->close;
