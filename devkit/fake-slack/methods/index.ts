/** Every Web API method the fake answers, by name; anything else is `unknown_method`. */
import { authMethods } from './auth.js';
import { chatMethods } from './chat.js';
import { conversationMethods } from './conversations.js';
import { oauthMethods } from './oauth.js';
import type { MethodTable } from './types.js';
import { userMethods } from './users.js';
import { viewMethods } from './views.js';

export const METHODS: MethodTable = {
  ...authMethods,
  ...oauthMethods,
  ...conversationMethods,
  ...userMethods,
  ...viewMethods,
  ...chatMethods,
};
