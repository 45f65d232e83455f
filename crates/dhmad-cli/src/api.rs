//! One function per API command: build the request, call the client, return the resource as JSON.

use std::collections::BTreeMap;
use std::str::FromStr;

use dhmad_api::{
    AuthScheme, Client, CreateEscrow, CreateSession, CreateVerification, Currency, Decimal,
    EscrowId, EscrowMode, EscrowStatus, FulfillmentPolicy, ListEscrows, Money, Percentage, Role,
    SessionAction, SessionId, UnreadableRecord, UpdateEscrow, Url, VerificationId,
};
use serde::Serialize;
use serde_json::Value;

use crate::args::{
    Cli, Command, CreateArgs, CreateSessionArgs, CurrencyArg, EscrowsCommand, KycCommand, ListArgs,
    ModeArg, RoleArg, SessionsCommand, UpdateArgs,
};
use crate::output::Failure;

/// Runs the command and returns what to print.
pub async fn run(cli: Cli) -> Result<Value, Failure> {
    let client = client(&cli)?;
    match cli.command {
        Command::Me => json(client.me().await?),
        Command::Balance => json(client.balance().await?),
        Command::Escrows(command) => escrows(&client, command).await,
        Command::Sessions(command) => sessions(&client, command).await,
        Command::Kyc(command) => kyc(&client, command).await,
        // main.rs sends these to `book::run` before building an API-only client.
        Command::Book(_) => Err(Failure::internal("book commands are run by book::run")),
        Command::Print(_) => Err(Failure::internal("print commands are run by print::run")),
    }
}

fn client(cli: &Cli) -> Result<Client, Failure> {
    let key = cli
        .api_key
        .as_deref()
        .ok_or_else(|| Failure::usage("no API key: set DHMAD_API_KEY (or pass --api-key)"))?;
    let mut builder =
        Client::builder(key).user_agent(concat!("dhmad-cli/", env!("CARGO_PKG_VERSION")));
    if let Some(base) = &cli.base_url {
        let url = Url::parse(base)
            .map_err(|err| Failure::usage(format!("--base-url `{base}` is not a URL: {err}")))?;
        builder = builder.base_url(url).confirm_proxy(cli.confirm_proxy);
    }
    if cli.x_api_key {
        builder = builder.auth_scheme(AuthScheme::XApiKey);
    }
    Ok(builder.build()?)
}

async fn escrows(client: &Client, command: EscrowsCommand) -> Result<Value, Failure> {
    let escrows = client.escrows();
    match command {
        EscrowsCommand::List(args) => list(client, args).await,
        EscrowsCommand::Get { id } => json(escrows.get(&EscrowId::from(id)).await?),
        EscrowsCommand::Proof { id } => json(escrows.proof(&EscrowId::from(id)).await?),
        EscrowsCommand::Contract { id } => json(escrows.contract(&EscrowId::from(id)).await?),
        EscrowsCommand::Create(args) => json(escrows.create(&create_request(args)?).await?),
        EscrowsCommand::Update(args) => {
            let id = EscrowId::from(args.id.clone());
            json(escrows.update(&id, &update_request(args)?).await?.escrow)
        }
        EscrowsCommand::Deliver { id } => json(escrows.deliver(&EscrowId::from(id)).await?.escrow),
        EscrowsCommand::RejectDelivery { id, reason } => json(
            escrows
                .reject_delivery(&EscrowId::from(id), reason.as_deref())
                .await?
                .escrow,
        ),
        EscrowsCommand::Cancel { id } => json(escrows.cancel(&EscrowId::from(id)).await?.escrow),
    }
}

async fn list(client: &Client, args: ListArgs) -> Result<Value, Failure> {
    let query = ListEscrows {
        status: args.status.as_deref().map(status).transpose()?,
        role: args.role.map(|role| match role {
            RoleArg::Seller => Role::Seller,
            RoleArg::Buyer => Role::Buyer,
        }),
        page: args.page,
        limit: args.limit,
    };
    if args.all {
        let all = client.escrows().read_all(query).await?;
        warn_unreadable("escrow", &all.unreadable);
        if let Some((read, announced)) = all.summary.shortfall() {
            eprintln!(
                "warning: the server announced {announced} escrows but {read} were received; \
                 the list may be incomplete"
            );
        }
        json(all.escrows)
    } else {
        let page = client.escrows().list(&query).await?;
        warn_unreadable("escrow", &page.unreadable);
        json(page)
    }
}

/// Says on stderr which records could not be read, so none is lost silently (stdout keeps the
/// readable ones in the usual shape for scripts).
fn warn_unreadable(what: &str, records: &[UnreadableRecord]) {
    if records.is_empty() {
        return;
    }
    let n = records.len();
    let noun = if n == 1 {
        what.to_owned()
    } else {
        format!("{what}s")
    };
    eprintln!(
        "warning: {n} {noun} could not be read and {} left out:",
        if n == 1 { "is" } else { "are" }
    );
    for record in records {
        eprintln!("  {record}");
    }
}

fn status(text: &str) -> Result<EscrowStatus, Failure> {
    let status = EscrowStatus::parse(text);
    if status.is_unknown() {
        return Err(Failure::usage(format!(
            "--status `{text}`: expected pending, paid, delivered, completed or cancelled"
        )));
    }
    Ok(status)
}

fn create_request(args: CreateArgs) -> Result<CreateEscrow, Failure> {
    let mut request = CreateEscrow::new(
        args.title,
        amount("--amount", &args.amount)?,
        args.buyer_email,
    );
    request.seller_email = args.seller_email;
    request.mode = args.mode.map(|mode| match mode {
        ModeArg::Standard => EscrowMode::Standard,
        ModeArg::Quick => EscrowMode::Quick,
        ModeArg::Instant => EscrowMode::Instant,
    });
    request.currency = args.currency.map(|currency| match currency {
        CurrencyArg::Tnd => Currency::Tnd,
        CurrencyArg::Usd => Currency::Usd,
        CurrencyArg::Eur => Currency::Eur,
    });
    request.estimated_delivery_days = args.delivery_days;
    request.contract_terms = args.terms;
    request.auto_sign = args.auto_sign.then_some(true);
    request.developer_fee_percentage = args
        .developer_fee
        .map(|text| {
            Decimal::from_str(text.trim())
                .map(Percentage)
                .map_err(|_| Failure::usage(format!("--developer-fee `{text}` is not a number")))
        })
        .transpose()?;
    if args.proof_required {
        let mut policy = FulfillmentPolicy::purchase_proof();
        policy.proof_upload_deadline_hours = args.proof_upload_hours;
        policy.buyer_review_deadline_hours = args.proof_review_hours;
        request.fulfillment_policy = Some(policy);
    }
    Ok(request)
}

fn update_request(args: UpdateArgs) -> Result<UpdateEscrow, Failure> {
    Ok(UpdateEscrow {
        title: args.title,
        amount: args
            .amount
            .as_deref()
            .map(|text| amount("--amount", text))
            .transpose()?,
        description: args.description,
        estimated_delivery_days: args.delivery_days,
    })
}

fn amount(flag: &str, text: &str) -> Result<Money, Failure> {
    Money::from_tnd_str(text.trim()).map_err(|err| {
        Failure::usage(format!(
            "{flag} `{text}`: {err} (write it like 12.345, at most 3 decimals)"
        ))
    })
}

async fn sessions(client: &Client, command: SessionsCommand) -> Result<Value, Failure> {
    match command {
        SessionsCommand::Create(args) => {
            let escrow = EscrowId::from(args.escrow_id.clone());
            json(
                client
                    .sessions()
                    .create(&escrow, &session_request(args)?)
                    .await?,
            )
        }
        SessionsCommand::Get { session_id } => {
            json(client.sessions().get(&SessionId::from(session_id)).await?)
        }
    }
}

fn session_request(args: CreateSessionArgs) -> Result<CreateSession, Failure> {
    let action = SessionAction::parse(&args.action);
    if action.is_unknown() {
        let known: Vec<&str> = SessionAction::KNOWN
            .iter()
            .map(SessionAction::as_str)
            .collect();
        return Err(Failure::usage(format!(
            "--action `{}`: expected one of {}",
            args.action,
            known.join(", ")
        )));
    }
    let mut request = CreateSession::new(action, args.target, args.redirect_url);
    if !args.metadata.is_empty() {
        request.metadata = Some(args.metadata.into_iter().collect::<BTreeMap<_, _>>());
    }
    Ok(request)
}

async fn kyc(client: &Client, command: KycCommand) -> Result<Value, Failure> {
    let identity = client.identity();
    match command {
        KycCommand::Create {
            email,
            external_id,
            redirect_url,
        } => {
            let mut request = CreateVerification::new(email);
            request.external_user_id = external_id;
            request.redirect_url = redirect_url;
            json(identity.create(&request).await?)
        }
        KycCommand::Get { id } => json(identity.get(&VerificationId::from(id)).await?),
        KycCommand::List { email } => {
            let list = identity.list_by_email(&email).await?;
            warn_unreadable("verification", &list.unreadable);
            json(list.verifications)
        }
    }
}

fn json(value: impl Serialize) -> Result<Value, Failure> {
    serde_json::to_value(value)
        .map_err(|err| Failure::internal(format!("cannot print the response as JSON: {err}")))
}
