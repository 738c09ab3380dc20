/**
 * The two ends of a Tandem connection as peers (peer.ts), each with its side of the method
 * tables: the server answers client requests and asks approvals; the client the other way round.
 */
import type { MessageReader, MessageWriter } from 'vscode-jsonrpc';
import { clientNotifications, clientRequests, serverNotifications, serverRequests } from '../methods';
import { RpcPeer, type PeerOptions } from './peer';

type FromClient = { requests: typeof clientRequests; notifications: typeof clientNotifications };
type FromServer = { requests: typeof serverRequests; notifications: typeof serverNotifications };
const fromClient: FromClient = { requests: clientRequests, notifications: clientNotifications };
const fromServer: FromServer = { requests: serverRequests, notifications: serverNotifications };

export type ServerPeer = RpcPeer<FromClient, FromServer>;
export type ClientPeer = RpcPeer<FromServer, FromClient>;
type EndOptions<In extends FromClient | FromServer, Out extends FromClient | FromServer> = Omit<
  PeerOptions<In, Out>,
  'incoming' | 'outgoing'
>;
type Transport = { reader: MessageReader; writer: MessageWriter };

export const serverPeer = (transport: Transport, options: EndOptions<FromClient, FromServer> = {}): ServerPeer =>
  new RpcPeer(transport, { ...options, incoming: fromClient, outgoing: fromServer });

export const clientPeer = (transport: Transport, options: EndOptions<FromServer, FromClient> = {}): ClientPeer =>
  new RpcPeer(transport, { ...options, incoming: fromServer, outgoing: fromClient });
